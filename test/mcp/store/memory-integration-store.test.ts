import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	createMemoryIntegrationStore,
	type IntegrationKind,
	type IntegrationRecord,
	type IntegrationStatus,
} from '../../../src/mcp/index.js';
import { listAllIds } from '../../support/list-all-ids.js';

const KINDS: IntegrationKind[] = ['webhook', 'api', 'database', 'message-queue'];
const STATUSES: IntegrationStatus[] = ['active', 'inactive', 'error'];

const record = (n: number, overrides: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
	id: `int_${n}`,
	tenantId: 't1',
	name: `n${n}`,
	type: KINDS[n % 4] as IntegrationKind,
	status: 'inactive',
	headers: {},
	secretNames: [],
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	...overrides,
});

describe('createMemoryIntegrationStore', () => {
	it('walks every integration once, in creation order, page by page', async () => {
		const store = createMemoryIntegrationStore();
		for (let i = 0; i < 250; i++) store.insert(record(i));
		const ids = await listAllIds(store, {}, 100);
		expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => `int_${i}`));
	});

	it('filters by type and status, with totals', async () => {
		const store = createMemoryIntegrationStore();
		for (let i = 0; i < 40; i++) store.insert(record(i, { status: STATUSES[i % 3] }));
		const page = await store.list({ tenantId: 't1', type: 'api', status: 'error', limit: 100 });
		const expected = Array.from({ length: 40 }, (_, i) => i).filter(
			(i) => i % 4 === 1 && i % 3 === 2,
		);
		expect(page.items.map((r) => r.id)).toEqual(expected.map((i) => `int_${i}`));
		expect(page.total).toBe(expected.length);
	});

	it('keeps cursors stable while integrations are added between pages', async () => {
		const store = createMemoryIntegrationStore();
		for (let i = 0; i < 10; i++) store.insert(record(i));
		const first = await store.list({ tenantId: 't1', limit: 4 });
		for (let i = 10; i < 13; i++) store.insert(record(i));
		const rest = await listAllIds(store, {}, 4);
		const second = await store.list({ tenantId: 't1', limit: 100, cursor: first.nextCursor });
		expect(rest).toHaveLength(13);
		expect(second.items.map((r) => r.id)).toEqual(
			Array.from({ length: 9 }, (_, i) => `int_${i + 4}`),
		);
	});

	it('moves an integration between status listings when its status changes, keeping its position', async () => {
		const store = createMemoryIntegrationStore();
		for (let i = 0; i < 5; i++) store.insert(record(i));
		store.updateStatus('t1', 'int_3', { status: 'active', updatedAt: 'x', lastTestedAt: 'x' });
		store.updateStatus('t1', 'int_1', { status: 'active', updatedAt: 'x', lastTestedAt: 'x' });
		expect(await listAllIds(store, { status: 'active' }, 1)).toEqual(['int_1', 'int_3']);
		expect(await listAllIds(store, { status: 'inactive' }, 2)).toEqual(['int_0', 'int_2', 'int_4']);
		expect((await store.get('t1', 'int_3'))?.lastTestedAt).toBe('x');
	});

	it('isolates tenants', async () => {
		const store = createMemoryIntegrationStore();
		store.insert(record(1));
		store.insert(record(2, { tenantId: 't2' }));
		expect(await store.get('t1', 'int_2')).toBeUndefined();
		expect(
			await store.updateStatus('t1', 'int_2', {
				status: 'error',
				updatedAt: 'x',
				lastTestedAt: 'x',
			}),
		).toBeUndefined();
		expect((await store.list({ tenantId: 't2', limit: 10 })).items.map((r) => r.id)).toEqual([
			'int_2',
		]);
	});

	it('rejects a malformed cursor and a cursor issued for other filters', async () => {
		const store = createMemoryIntegrationStore();
		for (let i = 0; i < 5; i++) store.insert(record(i));
		const page = await store.list({ tenantId: 't1', limit: 2 });
		expect(() => store.list({ tenantId: 't1', limit: 2, cursor: 'garbage!' })).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_CURSOR' }),
		);
		expect(() =>
			store.list({ tenantId: 't1', limit: 2, type: 'api', cursor: page.nextCursor }),
		).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CURSOR' }));
	});

	it('refuses inserts beyond maxIntegrations', () => {
		const store = createMemoryIntegrationStore({ maxIntegrations: 2 });
		store.insert(record(1));
		store.insert(record(2));
		expect(() => store.insert(record(3))).toThrow(
			expect.objectContaining({ code: 'ERR_STORE_FULL' }),
		);
	});

	it('pages return exactly the filtered integrations in creation order (property)', async () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('insert' as const), type: fc.constantFrom(...KINDS) }),
			fc.record({
				kind: fc.constant('status' as const),
				index: fc.nat(),
				status: fc.constantFrom(...STATUSES),
			}),
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(op, { maxLength: 80 }),
				fc.integer({ min: 1, max: 7 }),
				fc.constantFrom(...STATUSES),
				async (ops, limit, status) => {
					const store = createMemoryIntegrationStore();
					const model: IntegrationRecord[] = [];
					for (const o of ops) {
						if (o.kind === 'insert') {
							const r = record(model.length, { type: o.type });
							model.push(r);
							store.insert(r);
						} else if (model.length > 0) {
							const i = o.index % model.length;
							model[i] = { ...(model[i] as IntegrationRecord), status: o.status };
							store.updateStatus('t1', `int_${i}`, {
								status: o.status,
								updatedAt: 'u',
								lastTestedAt: 'u',
							});
						}
					}
					const expected = model
						.filter((r) => r.status === status && r.type === 'api')
						.map((r) => r.id);
					expect(await listAllIds(store, { status, type: 'api' }, limit)).toEqual(expected);
					expect(await listAllIds(store, {}, limit)).toEqual(model.map((r) => r.id));
				},
			),
			{ numRuns: 200 },
		);
	});
});

import { Kvm } from '@nats-io/kv';
import { describe, expect, it } from 'vitest';
import {
	createNatsKvIntegrationStore,
	type IntegrationKind,
	type IntegrationStatus,
} from '../../../../src/mcp/index.js';
import { findLeaks } from '../../../support/find-leaks.js';
import { listAllIds } from '../../../support/list-all-ids.js';
import { bucketMessages, filesUnder } from '../../../support/nats-kv-bytes.js';
import { freshBucket, newKey, record, useStores } from '../../../support/nats-kv-stores.js';
import { startNatsServer, useNatsServer } from '../../../support/nats-server.js';

const nats = useNatsServer();
const openStore = useStores();

const KINDS: IntegrationKind[] = ['webhook', 'api', 'database', 'message-queue'];
const STATUSES: IntegrationStatus[] = ['active', 'inactive', 'error'];

const testedAt = (second: number) => new Date(Date.UTC(2026, 0, 2, 0, 0, second)).toISOString();

describe('createNatsKvIntegrationStore: lists over KV', () => {
	it('walks every integration once, in creation order, with filters and totals, on every replica', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey });
		for (let i = 0; i < 250; i++) await a.insert(record(i, { type: KINDS[i % 4] }));
		for (let i = 0; i < 250; i += 3) {
			await a.updateStatus('t1', record(i).id, {
				status: STATUSES[i % 3] as IntegrationStatus,
				updatedAt: testedAt(i % 60),
				lastTestedAt: testedAt(i % 60),
			});
		}
		// A replica started now loads updated records out of creation order; pages stay in order.
		const b = await openStore({ servers: nats.server.url, bucket, secretKey });
		const all = Array.from({ length: 250 }, (_, i) => record(i).id);
		expect(await listAllIds(a, {}, 100)).toEqual(all);
		expect(await listAllIds(b, {}, 7)).toEqual(all);
		const filtered = (i: number) => i % 4 === 1 && i % 3 === 0 && STATUSES[i % 3] === 'active';
		const expected = all.filter((_, i) => filtered(i));
		for (const store of [a, b]) {
			expect(await listAllIds(store, { type: 'api', status: 'active' }, 5)).toEqual(expected);
			const page = await store.list({ tenantId: 't1', type: 'api', status: 'active', limit: 3 });
			expect(page.total).toBe(expected.length);
		}
	});

	it('continues a listing on the other replica with the cursor the first one issued', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey });
		const b = await openStore({ servers: nats.server.url, bucket, secretKey });
		for (let i = 0; i < 30; i++) await (i % 2 ? a : b).insert(record(i));
		await expect.poll(() => a.size).toBe(30);
		await expect.poll(() => b.size).toBe(30);
		const first = await a.list({ tenantId: 't1', limit: 10 });
		const rest = await listAllIds(b, {}, 10, first.nextCursor);
		expect([...first.items.map((r) => r.id), ...rest]).toEqual(
			Array.from({ length: 30 }, (_, i) => record(i).id),
		);
		const foreign = {
			tenantId: 't1',
			limit: 10,
			status: 'active',
			cursor: first.nextCursor,
		} as const;
		expect(() => b.list(foreign)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CURSOR' }));
	});
});

describe('createNatsKvIntegrationStore: replicas and revisions', () => {
	it('shows a create or status update on one replica to the other, and keeps tenants apart', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey });
		const b = await openStore({ servers: nats.server.url, bucket, secretKey });
		const secrets = { headers: { authorization: 'Bearer tok-1' }, values: ['tok-1'] };
		await a.insert(record(1, { secretNames: ['token'] }), secrets);
		// Read through to the bucket even before the watch delivered it.
		expect(await b.get('t1', record(1).id)).toMatchObject({ name: 'n1', status: 'inactive' });
		expect(await b.getSecrets('t1', record(1).id)).toEqual(secrets);
		const update = { status: 'active', updatedAt: testedAt(1), lastTestedAt: testedAt(1) } as const;
		expect(await b.updateStatus('t1', record(1).id, update)).toMatchObject(update);
		await expect.poll(async () => (await a.get('t1', record(1).id))?.status).toBe('active');
		await expect.poll(async () => (await a.list({ tenantId: 't1', limit: 5 })).total).toBe(1);
		expect(await b.get('t2', record(1).id)).toBeUndefined();
		expect(await b.getSecrets('t2', record(1).id)).toBeUndefined();
		expect(await b.updateStatus('t2', record(1).id, update)).toBeUndefined();
		expect((await b.list({ tenantId: 't2', limit: 5 })).total).toBe(0);
		expect(await b.get('t1', 'int_missing')).toBeUndefined();
		expect(await b.get('t1', '../not a key')).toBeUndefined();
	});

	it('keeps every concurrent create of two replicas', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey });
		const b = await openStore({ servers: nats.server.url, bucket, secretKey });
		await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).insert(record(i))));
		for (const store of [a, b]) {
			await expect.poll(() => store.size).toBe(200);
			expect(new Set(await listAllIds(store, {}, 100)).size).toBe(200);
		}
	});

	it('loses no concurrent status update: compare-and-set retries, and the latest test wins', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({
			servers: nats.server.url,
			bucket,
			secretKey,
			maxUpdateAttempts: 50,
		});
		const b = await openStore({
			servers: nats.server.url,
			bucket,
			secretKey,
			maxUpdateAttempts: 50,
		});
		await a.insert(record(1, { secretNames: ['token'] }), { headers: {}, values: ['tok'] });
		await expect.poll(() => b.size).toBe(1);
		const seconds = Array.from({ length: 40 }, (_, i) => (i * 17) % 40); // shuffled, distinct
		const results = await Promise.all(
			seconds.map((second) =>
				(second % 2 ? a : b).updateStatus('t1', record(1).id, {
					status: STATUSES[second % 3] as IntegrationStatus,
					updatedAt: testedAt(second),
					lastTestedAt: testedAt(second),
				}),
			),
		);
		expect(results.every((r) => r !== undefined)).toBe(true);
		const newest = { status: STATUSES[39 % 3], lastTestedAt: testedAt(39) };
		for (const store of [a, b]) {
			await expect.poll(() => store.get('t1', record(1).id)).toMatchObject(newest);
			// The fields no update touches survive every rewrite, secrets included.
			expect(await store.getSecrets('t1', record(1).id)).toEqual({ headers: {}, values: ['tok'] });
		}
		const page = await a.list({ tenantId: 't1', status: newest.status, limit: 5 });
		expect(page.total).toBe(1);
	});

	it('fails with ERR_STORE_CONFLICT when every attempt loses the race', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({
			servers: nats.server.url,
			bucket,
			secretKey,
			maxUpdateAttempts: 1,
		});
		await a.insert(record(1));
		const update = (second: number) =>
			a.updateStatus('t1', record(1).id, {
				status: 'active',
				updatedAt: testedAt(second),
				lastTestedAt: testedAt(second),
			});
		const settled = await Promise.allSettled([update(1), update(2), update(3)]);
		const rejected = settled.filter((s) => s.status === 'rejected');
		expect(rejected.length).toBeGreaterThan(0);
		expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
			code: 'ERR_STORE_CONFLICT',
		});
	});

	it('refuses an integration over the server max_payload with ERR_STORE_VALUE_TOO_LARGE', async () => {
		const store = await openStore({
			servers: nats.server.url,
			bucket: freshBucket(),
			secretKey: newKey(),
		});
		const huge = 'x'.repeat(1_100_000); // the server's default max_payload is 1 MiB
		await expect(store.insert(record(1), { headers: {}, values: [huge] })).rejects.toMatchObject({
			code: 'ERR_STORE_VALUE_TOO_LARGE',
			maxBytes: 1_048_576 - 512,
		});
		expect(store.size).toBe(0);
	});

	it('refuses creates beyond maxIntegrations with ERR_STORE_FULL', async () => {
		const store = await openStore({
			servers: nats.server.url,
			bucket: freshBucket(),
			secretKey: newKey(),
			maxIntegrations: 2,
		});
		await store.insert(record(1));
		await store.insert(record(2));
		await expect(store.insert(record(3))).rejects.toMatchObject({ code: 'ERR_STORE_FULL' });
	});
});

describe('createNatsKvIntegrationStore: sealing and keys', () => {
	const SECRET = 'tok-SENTINEL/9f+2d&x<y>-kv';
	const USERPASS = 'svc:pw-SENTINEL-c0ffee';

	it('seals records and secrets: no credential is readable on NATS or on its disk, in any encoding', async () => {
		const bucket = freshBucket();
		const store = await openStore({ servers: nats.server.url, bucket, secretKey: newKey() });
		const basic = `Basic ${Buffer.from(USERPASS).toString('base64')}`;
		await store.insert(record(1, { name: 'crm-SENTINEL-name', secretNames: ['token'] }), {
			headers: { authorization: `Bearer ${SECRET}`, 'x-basic': basic },
			values: [SECRET, USERPASS, basic],
		});
		await store.updateStatus('t1', record(1).id, {
			status: 'active',
			updatedAt: testedAt(1),
			lastTestedAt: testedAt(1),
		});
		const messages = await bucketMessages(nats.nc, bucket);
		expect(messages.length).toBeGreaterThan(0);
		const secrets = [SECRET, USERPASS, basic, 'crm-SENTINEL-name'];
		expect(findLeaks(messages, secrets)).toEqual([]);
		expect(findLeaks(filesUnder(nats.server.storeDir), secrets)).toEqual([]);
		// The sealed form is what is there instead: the key id and base64url of IV, data and tag.
		expect(messages.join('\n')).toMatch(new RegExp(`"record":"a1\\.${store.keyId}\\.`));
	});

	it('refuses to start without a key, or with a key that is not 32 bytes, without echoing it', async () => {
		const bucket = freshBucket();
		await expect(
			createNatsKvIntegrationStore({ servers: nats.server.url, bucket } as never),
		).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION', option: 'secretKey' });
		const short = Buffer.from('short-key-SENTINEL').toString('base64');
		const error = await createNatsKvIntegrationStore({
			servers: nats.server.url,
			bucket,
			secretKey: short,
		}).catch((e: Error) => e);
		expect(error).toMatchObject({ code: 'ERR_INVALID_OPTION', option: 'secretKey' });
		expect(String((error as Error).message)).toContain('got 18 bytes');
		expect(String((error as Error).message)).not.toContain(short);
	});

	it('refuses to start with the wrong key: ERR_UNSEAL_FAILED names the key the bucket was sealed with', async () => {
		const bucket = freshBucket();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey: newKey() });
		await a.insert(record(1));
		const error = await createNatsKvIntegrationStore({
			servers: nats.server.url,
			bucket,
			secretKey: newKey(),
		}).catch((e: Error) => e);
		expect(error).toMatchObject({
			code: 'ERR_UNSEAL_FAILED',
			reason: 'unknown-key',
			keyId: a.keyId,
		});
		expect((error as Error).message).toMatch(/INTEGRATIONS_SECRET_KEY/);
	});

	it('rotates keys: a previous key still opens, reseal() moves every value to the new key', async () => {
		const bucket = freshBucket();
		const oldKey = newKey();
		const newer = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey: oldKey });
		const secrets = { headers: { 'x-api-key': 'k-1' }, values: ['k-1'] };
		for (let i = 0; i < 5; i++) await a.insert(record(i, { secretNames: ['apiKey'] }), secrets);
		await a.close();
		const b = await openStore({
			servers: nats.server.url,
			bucket,
			secretKey: newer,
			previousSecretKeys: [oldKey],
		});
		expect(await b.getSecrets('t1', record(3).id)).toEqual(secrets);
		expect(await b.reseal()).toEqual({ resealed: 5 });
		expect(await b.reseal()).toEqual({ resealed: 0 });
		const c = await openStore({ servers: nats.server.url, bucket, secretKey: newer });
		expect(c.size).toBe(5);
		expect(await c.getSecrets('t1', record(4).id)).toEqual(secrets);
	});

	it('skips, and logs, a value altered on NATS instead of trusting it', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const logs: string[] = [];
		const log = (_: unknown, msg: string) => logs.push(msg);
		const logger = { error: log, warn: log, info: log, debug: log };
		const a = await openStore({ servers: nats.server.url, bucket, secretKey, logger });
		await a.insert(record(1));
		const kv = await new Kvm(nats.nc).open(bucket);
		const stored = (await kv.get(record(1).id))?.json<{ record: string }>() ?? { record: '' };
		const flipped = stored.record.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
		await kv.put(record(2).id, JSON.stringify(stored)); // moved to another id: its AAD differs
		await kv.put(record(1).id, JSON.stringify({ ...stored, record: flipped }));
		await expect.poll(() => logs.filter((m) => m.includes('cannot be opened')).length).toBe(2);
		expect((await a.get('t1', record(1).id))?.name).toBe('n1'); // the last good value
		expect(a.size).toBe(1);
		await expect(a.get('t1', record(2).id)).rejects.toMatchObject({
			code: 'ERR_UNSEAL_FAILED',
			reason: 'tampered',
		});
	});
});

describe('createNatsKvIntegrationStore: restarts and outages', () => {
	it('loses nothing when a replica restarts: records and secrets load back', async () => {
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await openStore({ servers: nats.server.url, bucket, secretKey });
		const secrets = { headers: { authorization: 'Bearer t' }, values: ['t'] };
		for (let i = 0; i < 20; i++) await a.insert(record(i, { secretNames: ['token'] }), secrets);
		await a.updateStatus('t1', record(7).id, {
			status: 'error',
			updatedAt: testedAt(7),
			lastTestedAt: testedAt(7),
		});
		const before = await listAllIds(a, {}, 100);
		await a.close();
		await expect(
			Promise.resolve().then(() => a.list({ tenantId: 't1', limit: 1 })),
		).rejects.toMatchObject({
			code: 'ERR_STORE_UNAVAILABLE',
		});
		const again = await openStore({ servers: nats.server.url, bucket, secretKey });
		expect(await listAllIds(again, {}, 100)).toEqual(before);
		expect(await again.get('t1', record(7).id)).toMatchObject({ status: 'error' });
		expect(await again.getSecrets('t1', record(19).id)).toEqual(secrets);
	});

	it('fails every call with ERR_STORE_UNAVAILABLE while NATS is down, and recovers with nothing lost', async () => {
		const server = await startNatsServer();
		try {
			const bucket = freshBucket();
			const secretKey = newKey();
			const a = await openStore({ servers: server.url, bucket, secretKey });
			const b = await openStore({ servers: server.url, bucket, secretKey });
			await a.insert(record(1));
			await server.stop({ crash: true });
			await expect
				.poll(() =>
					a.ping().then(
						() => 'up',
						(e) => e.code,
					),
				)
				.toBe('ERR_STORE_UNAVAILABLE');
			const startedAt = performance.now();
			const calls: Array<() => unknown> = [
				() => a.list({ tenantId: 't1', limit: 5 }),
				() => a.get('t1', record(1).id),
				() => a.insert(record(2)),
				() => b.ping(),
			];
			for (const call of calls) {
				await expect(Promise.resolve().then(call)).rejects.toMatchObject({
					code: 'ERR_STORE_UNAVAILABLE',
					message: expect.stringMatching(/NATS connection .*lost/),
				});
			}
			expect(performance.now() - startedAt).toBeLessThan(1_000); // at once, not after a timeout
			await server.start();
			await expect
				.poll(
					() =>
						a.ping().then(
							() => 'up',
							(e) => e.code,
						),
					{ timeout: 15_000 },
				)
				.toBe('up');
			await expect
				.poll(
					() =>
						b.ping().then(
							() => 'up',
							(e) => e.code,
						),
					{ timeout: 15_000 },
				)
				.toBe('up');
			await a.insert(record(2));
			await expect.poll(() => b.size).toBe(2);
			expect((await b.list({ tenantId: 't1', limit: 5 })).items.map((r) => r.id)).toEqual([
				record(1).id,
				record(2).id,
			]);
		} finally {
			await server.dispose();
		}
	});

	it('refuses to start when NATS cannot be reached, naming the server without its password', async () => {
		const error = await createNatsKvIntegrationStore({
			servers: 'nats://user:SENTINEL-pw@127.0.0.1:1',
			secretKey: newKey(),
			timeoutMillis: 500,
		}).catch((e: Error) => e);
		expect(error).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
		expect((error as Error).message).toContain('nats://127.0.0.1:1');
		expect((error as Error).message).not.toContain('SENTINEL');
	});
});

import { describe, expect, it, vi } from 'vitest';
import { createInProcessBus, type IntegrationsEnvelope } from '../../src/index.js';

const envelope = (type: IntegrationsEnvelope['type'], id: string = type): IntegrationsEnvelope => ({
	id,
	type,
	source: 'urn:cortex:integrations',
	specversion: '1.0',
	time: '2025-01-01T00:00:00.000Z',
	datacontenttype: 'application/json',
	dataschema: 'https://schemas.cortex-os.dev/integrations/x/v1',
	ttlMs: 60_000,
	headers: { 'brainwav-brand': 'brAInwav' },
	data: {},
});

describe('createInProcessBus', () => {
	it('delivers each envelope once to each subscriber of its topic and to wildcard subscribers', async () => {
		const bus = createInProcessBus();
		const synced = vi.fn();
		const all = vi.fn();
		const api = vi.fn();
		bus.subscribe('integrations.data.synced', synced);
		bus.subscribe('*', all);
		bus.subscribe('integrations.api.called', api);
		const batch = [
			envelope('integrations.data.synced', 'a'),
			envelope('integrations.webhook.received', 'b'),
		];
		await expect(bus.publishBatch(batch)).resolves.toBeUndefined();
		expect(synced.mock.calls).toEqual([[batch[0]]]);
		expect(all.mock.calls).toEqual([[batch[0]], [batch[1]]]);
		expect(api).not.toHaveBeenCalled();
	});

	it('stops delivering after unsubscribe, and unsubscribe is idempotent', async () => {
		const bus = createInProcessBus();
		const handler = vi.fn();
		const other = vi.fn();
		const unsubscribe = bus.subscribe('*', handler);
		bus.subscribe('*', other);
		unsubscribe();
		unsubscribe();
		await bus.publishBatch([envelope('integrations.data.synced')]);
		expect(handler).not.toHaveBeenCalled();
		expect(other).toHaveBeenCalledTimes(1);
	});

	it('isolates a throwing or rejecting handler and reports it to onError', async () => {
		const onError = vi.fn();
		const bus = createInProcessBus({ onError });
		const after = vi.fn();
		bus.subscribe('*', () => {
			throw new Error('sync boom');
		});
		bus.subscribe('*', () => Promise.reject(new Error('async boom')));
		bus.subscribe('*', after);
		const sent = envelope('integrations.data.synced');
		await bus.publishBatch([sent]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(after).toHaveBeenCalledWith(sent);
		expect(onError.mock.calls).toEqual([
			[new Error('sync boom'), sent],
			[new Error('async boom'), sent],
		]);
	});

	it('survives an onError that throws', async () => {
		const bus = createInProcessBus({
			onError: () => {
				throw new Error('reporter broken');
			},
		});
		bus.subscribe('*', () => {
			throw new Error('boom');
		});
		await expect(bus.publishBatch([envelope('integrations.data.synced')])).resolves.toBeUndefined();
	});

	it('lets a handler unsubscribe during delivery without disturbing the batch', async () => {
		const bus = createInProcessBus();
		const seen: string[] = [];
		const unsubscribe = bus.subscribe('*', (e) => {
			seen.push(`first:${e.id}`);
			unsubscribe();
		});
		bus.subscribe('*', (e) => {
			seen.push(`second:${e.id}`);
		});
		await bus.publishBatch([
			envelope('integrations.data.synced', '1'),
			envelope('integrations.data.synced', '2'),
		]);
		expect(seen).toEqual(['first:1', 'second:1', 'second:2']);
	});

	it('rejects publishBatch with ERR_BUS_CLOSED after close()', async () => {
		const bus = createInProcessBus();
		await bus.close();
		expect(bus.closed).toBe(true);
		await expect(bus.publishBatch([envelope('integrations.data.synced')])).rejects.toMatchObject({
			code: 'ERR_BUS_CLOSED',
		});
	});

	it('publishBatchSync delivers every envelope before it returns, and throws ERR_BUS_CLOSED after close()', async () => {
		const bus = createInProcessBus();
		const seen: string[] = [];
		bus.subscribe('*', (e) => {
			seen.push(e.id);
		});
		const result = bus.publishBatchSync([
			envelope('integrations.data.synced', '1'),
			envelope('integrations.api.called', '2'),
		]);
		expect(result).toBeUndefined();
		expect(seen).toEqual(['1', '2']);
		await bus.close();
		expect(() => bus.publishBatchSync([envelope('integrations.data.synced')])).toThrow(
			expect.objectContaining({ code: 'ERR_BUS_CLOSED' }),
		);
		expect(seen).toEqual(['1', '2']);
	});

	it('refuses to subscribe to something that is not a topic', () => {
		const bus = createInProcessBus();
		expect(() => bus.subscribe('integrations.nope' as never, () => {})).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option: 'topic',
				message: `topic: expected a topic or '*', got "integrations.nope"`,
			}),
		);
		expect(() => bus.subscribe('*', 'nope' as never)).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option: 'handler',
				message: 'handler: expected a function, got "nope"',
			}),
		);
	});
});

import { describe, expect, it } from 'vitest';
import { resolvePublisherOptions } from '../../src/dispatch/options/index.js';
import { type BusAdapter, PUBLISHER_DEFAULTS } from '../../src/index.js';

function busWith(batchingDefaults: unknown): BusAdapter {
	return { publishBatch: () => Promise.resolve(), batchingDefaults } as BusAdapter;
}

describe('a bus’s batchingDefaults', () => {
	it('fill in maxBatchSize and maxConcurrentFlushes the options leave unset', () => {
		const bus = busWith({ maxBatchSize: 512, maxConcurrentFlushes: 4 });
		const { batching } = resolvePublisherOptions({ bus, batching: { enabled: true } });
		expect(batching).toMatchObject({ maxBatchSize: 512, maxConcurrentFlushes: 4 });
	});

	it('lose to options given explicitly', () => {
		const bus = busWith({ maxBatchSize: 512, maxConcurrentFlushes: 4 });
		const { batching } = resolvePublisherOptions({
			bus,
			batching: { maxBatchSize: 10, maxConcurrentFlushes: 2 },
		});
		expect(batching).toMatchObject({ maxBatchSize: 10, maxConcurrentFlushes: 2 });
	});

	it('leave the publisher defaults where the bus says nothing', () => {
		const { batching } = resolvePublisherOptions({ bus: busWith({ maxConcurrentFlushes: 3 }) });
		expect(batching).toMatchObject({
			maxBatchSize: PUBLISHER_DEFAULTS.maxBatchSize,
			maxConcurrentFlushes: 3,
		});
		const plain = resolvePublisherOptions({ bus: busWith(undefined) }).batching;
		expect(plain.maxBatchSize).toBe(PUBLISHER_DEFAULTS.maxBatchSize);
	});

	it('cap the batch size at maxQueueSize instead of making a small queue invalid', () => {
		const bus = busWith({ maxBatchSize: 512 });
		const { batching } = resolvePublisherOptions({ bus, batching: { maxQueueSize: 100 } });
		expect(batching.maxBatchSize).toBe(100);
	});

	it('are checked, with an error naming the bus setting', () => {
		for (const bad of [{ maxBatchSize: 0 }, { maxConcurrentFlushes: 1.5 }, 'big']) {
			expect(() => resolvePublisherOptions({ bus: busWith(bad) })).toThrow(
				expect.objectContaining({
					code: 'ERR_INVALID_OPTION',
					message: expect.stringMatching(/bus\.batchingDefaults/),
				}),
			);
		}
	});
});

import { describe, expect, it } from 'vitest';
import {
	defaultWorkerThreads,
	PUBLISHER_DEFAULTS,
	resolvePublisherOptions,
} from '../../../src/dispatch/options/resolve-publisher-options.js';

describe('resolvePublisherOptions', () => {
	it('applies every default in one place', () => {
		const resolved = resolvePublisherOptions();
		expect(resolved).toMatchObject({
			source: 'urn:cortex:integrations',
			closeTimeoutMillis: PUBLISHER_DEFAULTS.closeTimeoutMillis,
			metrics: true,
			batching: {
				enabled: false,
				maxBatchSize: 25,
				maxDelayMillis: PUBLISHER_DEFAULTS.maxDelayMillis,
				maxQueueSize: 10_000,
				highWaterMark: 4_096,
				overflow: 'drop-newest',
				maxConcurrentFlushes: 1,
				preserveTopicOrder: true,
				validation: 'auto',
				retry: { maxRetries: 3, initialDelayMillis: 100, maxDelayMillis: 5_000 },
				workers: {
					minRawBodyBytes: 4_096,
					idleTimeoutMillis: 30_000,
					maxBatchSize: 1_024,
					maxBatchBytes: 4_194_304,
				},
			},
		});
		expect(resolved.batching.maxDelayMillis).toBeLessThanOrEqual(50);
		expect(resolved.batching.workers.maxThreads).toBeGreaterThanOrEqual(1);
	});

	it.each([
		[1, 1],
		[2, 1],
		[4, 3],
		[16, 15],
	])('on %i cores, creates %i worker threads by default', (cores, threads) => {
		expect(defaultWorkerThreads(cores)).toBe(threads);
	});

	it('derives highWaterMark from a small maxQueueSize', () => {
		expect(
			resolvePublisherOptions({ batching: { maxQueueSize: 10, maxBatchSize: 5 } }).batching
				.highWaterMark,
		).toBe(8);
	});

	it.each([
		[{ batching: { maxBatchSize: 0 } }, 'batching.maxBatchSize', '0'],
		[{ batching: { maxBatchSize: 2.5 } }, 'batching.maxBatchSize', '2.5'],
		[{ batching: { maxQueueSize: 10, maxBatchSize: 20 } }, 'batching.maxBatchSize', '20'],
		[{ batching: { overflow: 'drop-all' } }, 'batching.overflow', 'drop-all'],
		[{ batching: { maxDelayMillis: -1 } }, 'batching.maxDelayMillis', '-1'],
		[
			{ batching: { retry: { maxDelayMillis: 1, initialDelayMillis: 10 } } },
			'batching.retry.maxDelayMillis',
			'1',
		],
		[{ batching: { workers: 0 } }, 'batching.workers.maxThreads', '0'],
		[{ batching: { workers: { maxBatchSize: 0 } } }, 'batching.workers.maxBatchSize', '0'],
		[{ batching: { workers: { maxBatchBytes: 1.5 } } }, 'batching.workers.maxBatchBytes', '1.5'],
		[{ batching: { highWaterMark: 20_000 } }, 'batching.highWaterMark', '20000'],
		[{ source: 'not a uri' }, 'source', 'not a uri'],
		[{ bus: {} }, 'bus', 'an object'],
		[{ onDrop: 'yes' }, 'onDrop', 'yes'],
		[{ closeTimeoutMillis: Number.NaN }, 'closeTimeoutMillis', 'NaN'],
	])('rejects %j naming %s and echoing the value', (options, option, echoed) => {
		expect(() => resolvePublisherOptions(options as never)).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option,
				message: expect.stringMatching(new RegExp(`^${option}: expected .+, got .*${echoed}`)),
			}),
		);
	});
});

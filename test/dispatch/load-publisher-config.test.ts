import { describe, expect, it } from 'vitest';
import { loadPublisherConfig } from '../../src/dispatch/load-publisher-config.js';

describe('loadPublisherConfig', () => {
	it('turns INTEGRATIONS_* variables into publisher options', () => {
		const options = loadPublisherConfig({
			INTEGRATIONS_BATCHING: 'true',
			INTEGRATIONS_BATCH_MAX_SIZE: '50',
			INTEGRATIONS_BATCH_MAX_DELAY_MS: '5',
			INTEGRATIONS_QUEUE_MAX_SIZE: '1000',
			INTEGRATIONS_QUEUE_OVERFLOW: 'drop-oldest',
			INTEGRATIONS_MAX_CONCURRENT_FLUSHES: '4',
			INTEGRATIONS_RETRY_MAX: '5',
			INTEGRATIONS_VALIDATION: 'worker',
			INTEGRATIONS_WORKERS: '2',
			INTEGRATIONS_WORKER_MIN_RAW_BYTES: '1024',
			INTEGRATIONS_METRICS: 'false',
			INTEGRATIONS_SOURCE: 'urn:cortex:elsewhere',
		});
		expect(options).toMatchObject({
			source: 'urn:cortex:elsewhere',
			metrics: false,
			batching: {
				enabled: true,
				maxBatchSize: 50,
				maxDelayMillis: 5,
				maxQueueSize: 1000,
				overflow: 'drop-oldest',
				maxConcurrentFlushes: 4,
				validation: 'worker',
				retry: { maxRetries: 5 },
				workers: { maxThreads: 2, minRawBodyBytes: 1024 },
			},
		});
	});

	it('leaves unset and empty variables to the defaults', () => {
		const options = loadPublisherConfig({ INTEGRATIONS_BATCHING: '', OTHER: 'x' });
		expect(options.batching?.enabled).toBeUndefined();
		expect(options.metrics).toBeUndefined();
	});

	it('lets overrides win, merged per section', () => {
		const options = loadPublisherConfig(
			{
				INTEGRATIONS_BATCHING: 'yes',
				INTEGRATIONS_RETRY_MAX: '9',
				INTEGRATIONS_RETRY_INITIAL_DELAY_MS: '7',
			},
			{ batching: { retry: { maxRetries: 1 } } },
		);
		expect(options.batching).toMatchObject({
			enabled: true,
			retry: { maxRetries: 1, initialDelayMillis: 7 },
		});
	});

	it.each([
		['INTEGRATIONS_BATCHING', 'maybe'],
		['INTEGRATIONS_BATCH_MAX_SIZE', '0'],
		['INTEGRATIONS_BATCH_MAX_SIZE', '12abc'],
		['INTEGRATIONS_QUEUE_MAX_SIZE', '-5'],
		['INTEGRATIONS_QUEUE_OVERFLOW', 'drop-random'],
		['INTEGRATIONS_VALIDATION', 'gpu'],
		['INTEGRATIONS_METRICS', 'nope'],
		['INTEGRATIONS_WORKERS', '0'],
	])('names the variable in the error for %s=%s', (name, value) => {
		expect(() => loadPublisherConfig({ [name]: value })).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option: name,
				message: expect.stringContaining(value),
			}),
		);
	});

	it('rejects a source that is not an absolute URI, naming the variable', () => {
		expect(() => loadPublisherConfig({ INTEGRATIONS_SOURCE: '/relative' })).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'INTEGRATIONS_SOURCE' }),
		);
		expect(() => loadPublisherConfig({}, { source: '/relative' })).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'source' }),
		);
	});

	it('rejects values that are not strings and an env that is not an object, with typed errors', () => {
		const env = { INTEGRATIONS_BATCH_MAX_SIZE: 5 } as unknown as Record<string, string>;
		expect(() => loadPublisherConfig(env)).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option: 'INTEGRATIONS_BATCH_MAX_SIZE',
			}),
		);
		expect(() => loadPublisherConfig(null as never)).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'env' }),
		);
	});
});

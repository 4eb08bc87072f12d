import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	loadPublisherConfig,
	withEnvironment,
} from '../../../src/dispatch/options/load-publisher-config.js';
import { createIntegrationsPublisher, type PublisherOptions } from '../../../src/index.js';
import { dataSyncedEvent } from '../../support/event-payloads.js';
import { createRecordingBus } from '../../support/recording-bus.js';

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
				message: expect.stringMatching(new RegExp(`^${name}: expected .+, got "${value}"$`)),
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

/** Bus call sizes after `count` events: one call per event in sync mode, batches when batching. */
async function callSizes(options: PublisherOptions, count = 3): Promise<number[]> {
	const recording = createRecordingBus();
	const publisher = createIntegrationsPublisher({ ...options, bus: recording.bus });
	for (let i = 0; i < count; i++) publisher.dataSynced(dataSyncedEvent(i));
	await publisher.close();
	return recording.calls.map((call) => call.length);
}

describe('createIntegrationsPublisher and the INTEGRATIONS_* environment', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	it('turns batching on from INTEGRATIONS_BATCHING in process.env', async () => {
		expect(await callSizes({})).toEqual([1, 1, 1]);
		vi.stubEnv('INTEGRATIONS_BATCHING', 'true');
		expect(await callSizes({})).toEqual([3]);
	});

	it('lets an explicit batching.enabled: false win over INTEGRATIONS_BATCHING=true', async () => {
		vi.stubEnv('INTEGRATIONS_BATCHING', 'true');
		expect(await callSizes({ batching: { enabled: false } })).toEqual([1, 1, 1]);
	});

	it('ignores the environment with env: false', async () => {
		vi.stubEnv('INTEGRATIONS_BATCHING', 'true');
		vi.stubEnv('INTEGRATIONS_BATCH_MAX_SIZE', 'not a number');
		expect(await callSizes({ env: false })).toEqual([1, 1, 1]);
	});

	it('reads a supplied env map instead of process.env', async () => {
		vi.stubEnv('INTEGRATIONS_BATCHING', 'false');
		expect(await callSizes({ env: { INTEGRATIONS_BATCHING: 'on' } })).toEqual([3]);
	});

	it('merges field by field: explicit options win, unset ones come from the environment', async () => {
		const env = { INTEGRATIONS_BATCHING: 'true', INTEGRATIONS_BATCH_MAX_SIZE: '2' };
		expect(await callSizes({ env, batching: { maxDelayMillis: 5 } }, 5)).toEqual([2, 2, 1]);
		expect(await callSizes({ env, batching: { maxBatchSize: 4 } }, 5)).toEqual([4, 1]);
	});

	it('throws InvalidOptionError naming the variable for a bad value', () => {
		vi.stubEnv('INTEGRATIONS_BATCHING', 'maybe');
		const named = (option: string) =>
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option });
		expect(() => createIntegrationsPublisher()).toThrow(named('INTEGRATIONS_BATCHING'));
		const env = { INTEGRATIONS_QUEUE_OVERFLOW: 'drop-random' };
		expect(() => createIntegrationsPublisher({ env })).toThrow(
			named('INTEGRATIONS_QUEUE_OVERFLOW'),
		);
		expect(() => createIntegrationsPublisher({ env: true as never })).toThrow(named('env'));
	});

	it('treats an option left undefined as not given', () => {
		const env = {
			INTEGRATIONS_BATCHING: 'yes',
			INTEGRATIONS_RETRY_MAX: '9',
			INTEGRATIONS_WORKERS: '3',
		};
		const options = withEnvironment({
			env,
			metrics: undefined,
			batching: { enabled: undefined, retry: { initialDelayMillis: 1 }, workers: 2 },
		});
		expect(options.batching).toEqual({
			enabled: true,
			retry: { maxRetries: 9, initialDelayMillis: 1 },
			workers: { maxThreads: 2 },
		});
	});

	it('leaves an explicit option that is not an object for the resolver to name', () => {
		const env = { INTEGRATIONS_BATCHING: 'yes' };
		expect(() => createIntegrationsPublisher({ env, batching: 'on' as never })).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'batching' }),
		);
	});

	it('gives options that read no further environment from loadPublisherConfig', async () => {
		vi.stubEnv('INTEGRATIONS_BATCHING', 'true');
		const options = loadPublisherConfig({ INTEGRATIONS_METRICS: 'false' });
		expect(options).toMatchObject({ env: false, metrics: false });
		expect(await callSizes(options)).toEqual([1, 1, 1]);
	});
});

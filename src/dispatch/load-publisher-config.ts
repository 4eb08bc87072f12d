import { describeValue, InvalidOptionError } from '../errors.js';
import type {
	BatchingOptions,
	OverflowPolicy,
	PublisherOptions,
	RetryOptions,
	ValidationMode,
	WorkerOptions,
} from './publisher-options.js';
import { resolvePublisherOptions } from './resolve-publisher-options.js';

/** An environment: `process.env` or any string map. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * The config adapter at the edge: turns `INTEGRATIONS_*` variables into {@link PublisherOptions}
 * (the core never reads `process.env`). `overrides` win over the environment (merged per section).
 * A bad value throws `InvalidOptionError` (`ERR_INVALID_OPTION`) naming the variable.
 */
export function loadPublisherConfig(
	env: ConfigEnv = process.env,
	overrides: PublisherOptions = {},
): PublisherOptions {
	const read = createReader(env);
	const fromEnv: PublisherOptions = {
		source: read.uri('INTEGRATIONS_SOURCE'),
		closeTimeoutMillis: read.integer('INTEGRATIONS_CLOSE_TIMEOUT_MS', 0),
		metrics: read.boolean('INTEGRATIONS_METRICS'),
		batching: batchingFromEnv(read),
	};
	const options = mergeOptions(fromEnv, overrides);
	resolvePublisherOptions(options);
	return options;
}

type Reader = ReturnType<typeof createReader>;

function batchingFromEnv(read: Reader): BatchingOptions {
	const retry: RetryOptions = {
		maxRetries: read.integer('INTEGRATIONS_RETRY_MAX', 0),
		initialDelayMillis: read.integer('INTEGRATIONS_RETRY_INITIAL_DELAY_MS', 0),
		maxDelayMillis: read.integer('INTEGRATIONS_RETRY_MAX_DELAY_MS', 0),
	};
	const workers: WorkerOptions = {
		maxThreads: read.integer('INTEGRATIONS_WORKERS', 1),
		minRawBodyBytes: read.integer('INTEGRATIONS_WORKER_MIN_RAW_BYTES', 0),
		idleTimeoutMillis: read.integer('INTEGRATIONS_WORKER_IDLE_TIMEOUT_MS', 0),
	};
	return {
		enabled: read.boolean('INTEGRATIONS_BATCHING'),
		maxBatchSize: read.integer('INTEGRATIONS_BATCH_MAX_SIZE', 1),
		maxDelayMillis: read.integer('INTEGRATIONS_BATCH_MAX_DELAY_MS', 0),
		maxQueueSize: read.integer('INTEGRATIONS_QUEUE_MAX_SIZE', 1),
		highWaterMark: read.integer('INTEGRATIONS_QUEUE_HIGH_WATER_MARK', 1),
		overflow: read.choice<OverflowPolicy>('INTEGRATIONS_QUEUE_OVERFLOW', [
			'drop-newest',
			'drop-oldest',
			'reject',
		]),
		maxConcurrentFlushes: read.integer('INTEGRATIONS_MAX_CONCURRENT_FLUSHES', 1),
		flushTimeoutMillis: read.integer('INTEGRATIONS_FLUSH_TIMEOUT_MS', 0),
		preserveTopicOrder: read.boolean('INTEGRATIONS_PRESERVE_TOPIC_ORDER'),
		validation: read.choice<ValidationMode>('INTEGRATIONS_VALIDATION', [
			'inline',
			'worker',
			'auto',
		]),
		retry: dropUndefined(retry),
		workers: dropUndefined(workers),
	};
}

/** The trimmed value of a variable; unset and empty are `undefined`, a non-string is an error. */
function readVariable(env: ConfigEnv, name: string): string | undefined {
	const value: unknown = env[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') {
		throw new InvalidOptionError(name, `expected a string, got ${describeValue(value)}`);
	}
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

function createReader(env: ConfigEnv) {
	if (env === null || typeof env !== 'object') {
		throw new InvalidOptionError('env', `expected an object of strings, got ${describeValue(env)}`);
	}
	const raw = (name: string): string | undefined => readVariable(env, name);
	const bad = (name: string, expected: string, value: string): never => {
		throw new InvalidOptionError(name, `expected ${expected}, got ${describeValue(value)}`);
	};
	return {
		string: raw,
		uri(name: string): string | undefined {
			const value = raw(name);
			if (value !== undefined && !URL.canParse(value)) bad(name, 'an absolute URI', value);
			return value;
		},
		boolean(name: string): boolean | undefined {
			const value = raw(name);
			if (value === undefined) return undefined;
			const lower = value.toLowerCase();
			if (TRUE.has(lower)) return true;
			if (FALSE.has(lower)) return false;
			return bad(name, 'true or false', value);
		},
		integer(name: string, min: number): number | undefined {
			const value = raw(name);
			if (value === undefined) return undefined;
			const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
			if (!Number.isSafeInteger(parsed) || parsed < min) bad(name, `an integer >= ${min}`, value);
			return parsed;
		},
		choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
			const value = raw(name);
			if (value !== undefined && !allowed.includes(value as T)) {
				bad(name, `one of ${allowed.join(', ')}`, value);
			}
			return value as T | undefined;
		},
	};
}

function dropUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function mergeOptions(base: PublisherOptions, overrides: PublisherOptions): PublisherOptions {
	const baseBatching = dropUndefined(base.batching ?? {});
	const over = overrides.batching ?? {};
	const workers = (w: BatchingOptions['workers']): WorkerOptions | undefined =>
		typeof w === 'number' ? { maxThreads: w } : w;
	const batching: BatchingOptions = {
		...baseBatching,
		...over,
		retry: { ...baseBatching.retry, ...over.retry },
		workers: { ...workers(baseBatching.workers), ...workers(over.workers) },
	};
	return { ...dropUndefined(base), ...overrides, batching };
}

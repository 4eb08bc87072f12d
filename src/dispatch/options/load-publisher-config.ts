import { failOption, integerRange } from '../../common/index.js';
import type {
	BatchingOptions,
	ConfigEnv,
	OverflowPolicy,
	PublisherOptions,
	RetryOptions,
	ValidationMode,
	WorkerOptions,
} from './publisher-options.js';
import { OVERFLOW_POLICIES, VALIDATION_MODES } from './publisher-options.js';
import { resolvePublisherOptions } from './resolve-publisher-options.js';

// The one module of the library that reads `process.env`: the `INTEGRATIONS_*` variables become
// publisher options, always under the options given in code.

export type { ConfigEnv };

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * `options` with the `INTEGRATIONS_*` variables of `options.env` (by default `process.env`) under
 * them, field by field: an explicit option always wins, and `env: false` reads nothing. Used by
 * `createIntegrationsPublisher`. A bad value throws `InvalidOptionError` naming the variable.
 */
export function withEnvironment(options: PublisherOptions): PublisherOptions {
	if (!isRecord(options)) return options; // not options at all: the resolver names the problem
	const env = options.env === undefined ? process.env : options.env;
	if (env === false) return options;
	const fromEnv = optionsFromEnv(env);
	return Object.keys(fromEnv).length === 0 ? options : mergeOptions(fromEnv, options);
}

/**
 * The config adapter at the edge: turns `INTEGRATIONS_*` variables into {@link PublisherOptions}.
 * `overrides` win over the environment (field by field). The result has `env: false`: it already
 * holds the environment, so a publisher created from it reads no other. A bad value throws
 * `InvalidOptionError` (`ERR_INVALID_OPTION`) naming the variable.
 */
export function loadPublisherConfig(
	env: ConfigEnv = process.env,
	overrides: PublisherOptions = {},
): PublisherOptions {
	const options: PublisherOptions = { ...mergeOptions(optionsFromEnv(env), overrides), env: false };
	resolvePublisherOptions(options);
	return options;
}

/** The options the variables of `env` set, and only those (an unset section is absent). */
function optionsFromEnv(env: ConfigEnv): PublisherOptions {
	const read = createReader(env);
	const batching = batchingFromEnv(read);
	return definedFields<PublisherOptions>({
		source: read.uri('INTEGRATIONS_SOURCE'),
		closeTimeoutMillis: read.integer('INTEGRATIONS_CLOSE_TIMEOUT_MS', 0),
		metrics: read.boolean('INTEGRATIONS_METRICS'),
		batching: Object.keys(batching).length === 0 ? undefined : batching,
	});
}

type Reader = ReturnType<typeof createReader>;

function batchingFromEnv(read: Reader): BatchingOptions {
	const retry = definedFields<RetryOptions>({
		maxRetries: read.integer('INTEGRATIONS_RETRY_MAX', 0),
		initialDelayMillis: read.integer('INTEGRATIONS_RETRY_INITIAL_DELAY_MS', 0),
		maxDelayMillis: read.integer('INTEGRATIONS_RETRY_MAX_DELAY_MS', 0),
	});
	const workers = definedFields<WorkerOptions>({
		maxThreads: read.integer('INTEGRATIONS_WORKERS', 1),
		minRawBodyBytes: read.integer('INTEGRATIONS_WORKER_MIN_RAW_BYTES', 0),
		idleTimeoutMillis: read.integer('INTEGRATIONS_WORKER_IDLE_TIMEOUT_MS', 0),
	});
	return definedFields<BatchingOptions>({
		enabled: read.boolean('INTEGRATIONS_BATCHING'),
		maxBatchSize: read.integer('INTEGRATIONS_BATCH_MAX_SIZE', 1),
		maxDelayMillis: read.integer('INTEGRATIONS_BATCH_MAX_DELAY_MS', 0),
		maxQueueSize: read.integer('INTEGRATIONS_QUEUE_MAX_SIZE', 1),
		highWaterMark: read.integer('INTEGRATIONS_QUEUE_HIGH_WATER_MARK', 1),
		overflow: read.choice<OverflowPolicy>('INTEGRATIONS_QUEUE_OVERFLOW', OVERFLOW_POLICIES),
		maxConcurrentFlushes: read.integer('INTEGRATIONS_MAX_CONCURRENT_FLUSHES', 1),
		flushTimeoutMillis: read.integer('INTEGRATIONS_FLUSH_TIMEOUT_MS', 0),
		preserveTopicOrder: read.boolean('INTEGRATIONS_PRESERVE_TOPIC_ORDER'),
		validation: read.choice<ValidationMode>('INTEGRATIONS_VALIDATION', VALIDATION_MODES),
		retry: Object.keys(retry).length === 0 ? undefined : retry,
		workers: Object.keys(workers).length === 0 ? undefined : workers,
	});
}

/** The trimmed value of a variable; unset and empty are `undefined`, a non-string is an error. */
function readVariable(env: ConfigEnv, name: string): string | undefined {
	const value: unknown = env[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') failOption(name, 'a string', value);
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

function createReader(env: ConfigEnv) {
	if (env === null || typeof env !== 'object')
		failOption('env', 'false or an object of strings', env);
	const raw = (name: string): string | undefined => readVariable(env, name);
	return {
		uri(name: string): string | undefined {
			const value = raw(name);
			if (value !== undefined && !URL.canParse(value)) failOption(name, 'an absolute URI', value);
			return value;
		},
		boolean(name: string): boolean | undefined {
			const value = raw(name);
			if (value === undefined) return undefined;
			const lower = value.toLowerCase();
			if (TRUE.has(lower)) return true;
			if (FALSE.has(lower)) return false;
			return failOption(name, 'true or false', value);
		},
		integer(name: string, min: number): number | undefined {
			const value = raw(name);
			if (value === undefined) return undefined;
			const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
			if (!Number.isSafeInteger(parsed) || parsed < min) failOption(name, integerRange(min), value);
			return parsed;
		},
		choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
			const value = raw(name);
			if (value !== undefined && !allowed.includes(value as T))
				failOption(name, `one of ${allowed.join(', ')}`, value);
			return value as T | undefined;
		},
	};
}

function isRecord(value: unknown): boolean {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` without its `undefined` fields: an option left `undefined` is not an explicit one. */
function definedFields<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * `under`'s fields with `over`'s defined fields on top. An `over` that is not an object is kept
 * as it is, for the resolver to reject with the option's name.
 */
function layer<T extends object>(under: T | undefined, over: T | undefined): T | undefined {
	if (under === undefined || over === undefined) return over ?? under;
	return isRecord(over) ? { ...under, ...definedFields(over) } : over;
}

function workersObject(workers: BatchingOptions['workers']): WorkerOptions | undefined {
	return typeof workers === 'number' ? { maxThreads: workers } : workers;
}

/** `explicit` over `fromEnv`, field by field, in every section. */
function mergeOptions(fromEnv: PublisherOptions, explicit: PublisherOptions): PublisherOptions {
	const merged = layer(fromEnv, explicit) as PublisherOptions;
	const under = fromEnv.batching;
	const over = explicit.batching;
	if (under === undefined || over === undefined || !isRecord(over)) return merged;
	const batching = layer(under, over) as BatchingOptions;
	const retry = layer(under.retry, over.retry);
	const workers = layer(workersObject(under.workers), workersObject(over.workers));
	return { ...merged, batching: definedFields({ ...batching, retry, workers }) };
}

import { availableParallelism } from 'node:os';
import type { MeterProvider } from '@opentelemetry/api';
import type { BusAdapter, BusBatchingDefaults } from '../../bus/index.js';
import { describeValue, InvalidOptionError } from '../../common/index.js';
import { DEFAULT_INTEGRATIONS_SOURCE } from '../../events/index.js';
import { type IntegrationsLogger, silentLogger } from '../../telemetry/index.js';
import type { ValidationPool } from '../validation-protocol.js';
import type {
	BatchingOptions,
	OverflowPolicy,
	PublisherOptions,
	ValidationMode,
	WorkerOptions,
} from './publisher-options.js';
import type { RetryPolicy } from './retry-policy.js';

/** Worker pool settings with every default applied. */
export interface ResolvedWorkers {
	readonly maxThreads: number;
	readonly idleTimeoutMillis: number;
	readonly minRawBodyBytes: number;
	readonly maxBatchSize: number;
	readonly maxBatchBytes: number;
	readonly pool: ValidationPool | undefined;
}

/** Batching settings with every default applied. */
export interface ResolvedBatching {
	readonly enabled: boolean;
	readonly maxBatchSize: number;
	readonly maxDelayMillis: number;
	readonly maxQueueSize: number;
	readonly highWaterMark: number;
	readonly overflow: OverflowPolicy;
	readonly maxConcurrentFlushes: number;
	readonly flushTimeoutMillis: number;
	readonly preserveTopicOrder: boolean;
	readonly retry: RetryPolicy;
	readonly validation: ValidationMode;
	readonly workers: ResolvedWorkers;
}

/** {@link PublisherOptions} with every default applied and every value checked. */
export interface ResolvedPublisherOptions {
	readonly bus: BusAdapter | undefined;
	readonly source: string;
	readonly batching: ResolvedBatching;
	readonly closeTimeoutMillis: number;
	readonly onInvalid: PublisherOptions['onInvalid'];
	readonly onDrop: PublisherOptions['onDrop'];
	readonly onDeadLetter: PublisherOptions['onDeadLetter'];
	readonly onAudit: PublisherOptions['onAudit'];
	readonly logger: IntegrationsLogger;
	readonly meterProvider: MeterProvider | undefined;
	readonly metrics: boolean;
}

/** The defaults, in one place (documented in the README options table). */
export const PUBLISHER_DEFAULTS = Object.freeze({
	maxBatchSize: 25,
	maxDelayMillis: 10,
	maxQueueSize: 10_000,
	/** Cap of the default `highWaterMark` (which is otherwise 80 % of `maxQueueSize`). */
	highWaterMark: 4_096,
	overflow: 'drop-newest' as OverflowPolicy,
	maxConcurrentFlushes: 1,
	flushTimeoutMillis: 30_000,
	closeTimeoutMillis: 30_000,
	maxRetries: 3,
	initialRetryDelayMillis: 100,
	maxRetryDelayMillis: 5_000,
	validation: 'auto' as ValidationMode,
	workerIdleTimeoutMillis: 30_000,
	minRawBodyBytes: 4_096,
	workerMaxBatchSize: 1_024,
	workerMaxBatchBytes: 4_194_304,
});

const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ['drop-newest', 'drop-oldest', 'reject'];
const VALIDATION_MODES: readonly ValidationMode[] = ['inline', 'worker', 'auto'];

/** Applies the defaults and validates eagerly; throws `InvalidOptionError` naming the option. */
export function resolvePublisherOptions(options: PublisherOptions = {}): ResolvedPublisherOptions {
	checkObject('options', options);
	const bus = checkBus(options.bus);
	return {
		bus,
		source: checkSource(options.source),
		batching: resolveBatching(options.batching, busBatchingDefaults(bus)),
		closeTimeoutMillis: durationOption(
			'closeTimeoutMillis',
			options.closeTimeoutMillis,
			PUBLISHER_DEFAULTS.closeTimeoutMillis,
		),
		onInvalid: functionOption('onInvalid', options.onInvalid),
		onDrop: functionOption('onDrop', options.onDrop),
		onDeadLetter: functionOption('onDeadLetter', options.onDeadLetter),
		onAudit: functionOption('onAudit', options.onAudit),
		logger: checkLogger(options.logger),
		meterProvider: checkMeterProvider(options.meterProvider),
		metrics: booleanOption('metrics', options.metrics, true),
	};
}

/** The bus's own batching defaults, checked, with the publisher's defaults where it has none. */
function busBatchingDefaults(bus: BusAdapter | undefined): Required<BusBatchingDefaults> {
	const hints: BusBatchingDefaults = bus?.batchingDefaults ?? {};
	checkObject('bus.batchingDefaults', hints);
	const d = PUBLISHER_DEFAULTS;
	return {
		maxBatchSize: integerOption(
			'bus.batchingDefaults.maxBatchSize',
			hints.maxBatchSize,
			d.maxBatchSize,
			1,
		),
		maxConcurrentFlushes: integerOption(
			'bus.batchingDefaults.maxConcurrentFlushes',
			hints.maxConcurrentFlushes,
			d.maxConcurrentFlushes,
			1,
		),
	};
}

function resolveBatching(
	batching: BatchingOptions = {},
	defaults: Required<BusBatchingDefaults>,
): ResolvedBatching {
	checkObject('batching', batching);
	const d = PUBLISHER_DEFAULTS;
	return {
		enabled: booleanOption('batching.enabled', batching.enabled, false),
		...resolveSizes(batching, defaults.maxBatchSize),
		maxDelayMillis: durationOption(
			'batching.maxDelayMillis',
			batching.maxDelayMillis,
			d.maxDelayMillis,
			false,
		),
		overflow: enumOption('batching.overflow', batching.overflow, d.overflow, OVERFLOW_POLICIES),
		maxConcurrentFlushes: integerOption(
			'batching.maxConcurrentFlushes',
			batching.maxConcurrentFlushes,
			defaults.maxConcurrentFlushes,
			1,
		),
		flushTimeoutMillis: durationOption(
			'batching.flushTimeoutMillis',
			batching.flushTimeoutMillis,
			d.flushTimeoutMillis,
		),
		preserveTopicOrder: booleanOption(
			'batching.preserveTopicOrder',
			batching.preserveTopicOrder,
			true,
		),
		retry: resolveRetry(batching.retry),
		validation: enumOption(
			'batching.validation',
			batching.validation,
			d.validation,
			VALIDATION_MODES,
		),
		workers: resolveWorkers(batching.workers),
	};
}

/** `maxQueueSize`, `maxBatchSize` and `highWaterMark`, which constrain each other. */
function resolveSizes(
	batching: BatchingOptions,
	defaultBatchSize: number,
): Pick<ResolvedBatching, 'maxQueueSize' | 'maxBatchSize' | 'highWaterMark'> {
	const d = PUBLISHER_DEFAULTS;
	const maxQueueSize = integerOption(
		'batching.maxQueueSize',
		batching.maxQueueSize,
		d.maxQueueSize,
		1,
	);
	const atMostQueue = (name: string, value: number): number => {
		if (value <= maxQueueSize) return value;
		throw new InvalidOptionError(
			name,
			`must not exceed batching.maxQueueSize (${maxQueueSize}), got ${value}`,
		);
	};
	// A bus's default batch size is capped by the queue; one given explicitly must fit in it.
	const maxBatchSize = integerOption(
		'batching.maxBatchSize',
		batching.maxBatchSize,
		Math.min(defaultBatchSize, maxQueueSize),
		1,
	);
	const defaultHighWater = Math.min(d.highWaterMark, Math.max(1, Math.ceil(maxQueueSize * 0.8)));
	const highWaterMark = integerOption(
		'batching.highWaterMark',
		batching.highWaterMark,
		defaultHighWater,
		1,
	);
	return {
		maxQueueSize,
		maxBatchSize: atMostQueue('batching.maxBatchSize', maxBatchSize),
		highWaterMark: atMostQueue('batching.highWaterMark', highWaterMark),
	};
}

function resolveRetry(retry: BatchingOptions['retry'] = {}): RetryPolicy {
	checkObject('batching.retry', retry);
	const d = PUBLISHER_DEFAULTS;
	const initialDelayMillis = durationOption(
		'batching.retry.initialDelayMillis',
		retry.initialDelayMillis,
		d.initialRetryDelayMillis,
		false,
	);
	const maxDelayMillis = durationOption(
		'batching.retry.maxDelayMillis',
		retry.maxDelayMillis,
		Math.max(d.maxRetryDelayMillis, initialDelayMillis),
		false,
	);
	if (maxDelayMillis < initialDelayMillis) {
		throw new InvalidOptionError(
			'batching.retry.maxDelayMillis',
			`must be at least initialDelayMillis (${initialDelayMillis}), got ${maxDelayMillis}`,
		);
	}
	const maxRetries = integerOption('batching.retry.maxRetries', retry.maxRetries, d.maxRetries, 0);
	return { maxRetries, initialDelayMillis, maxDelayMillis };
}

function resolveWorkers(workers: BatchingOptions['workers']): ResolvedWorkers {
	const options: WorkerOptions =
		typeof workers === 'number' ? { maxThreads: workers } : (workers ?? {});
	checkObject('batching.workers', options);
	const defaultThreads = defaultWorkerThreads(availableParallelism());
	return {
		maxThreads: integerOption('batching.workers.maxThreads', options.maxThreads, defaultThreads, 1),
		idleTimeoutMillis: durationOption(
			'batching.workers.idleTimeoutMillis',
			options.idleTimeoutMillis,
			PUBLISHER_DEFAULTS.workerIdleTimeoutMillis,
			false,
		),
		minRawBodyBytes: integerOption(
			'batching.workers.minRawBodyBytes',
			options.minRawBodyBytes,
			PUBLISHER_DEFAULTS.minRawBodyBytes,
			0,
		),
		maxBatchSize: integerOption(
			'batching.workers.maxBatchSize',
			options.maxBatchSize,
			PUBLISHER_DEFAULTS.workerMaxBatchSize,
			1,
		),
		maxBatchBytes: integerOption(
			'batching.workers.maxBatchBytes',
			options.maxBatchBytes,
			PUBLISHER_DEFAULTS.workerMaxBatchBytes,
			1,
		),
		pool: checkPool(options.pool),
	};
}

/**
 * One worker thread per core but the main thread's (at least one). Measured on 2 cores (issue 19,
 * bench/RESULTS.md): a second thread there validates raw bodies about 1.7× as fast, but the main
 * thread then shares its core with a worker and its event-loop stalls during a burst grow from
 * about 4 to 6–7 ms; `workers.maxThreads: 2` makes that trade.
 */
export function defaultWorkerThreads(cores: number): number {
	return Math.max(1, cores - 1);
}

function fail(name: string, expected: string, value: unknown): never {
	throw new InvalidOptionError(name, `expected ${expected}, got ${describeValue(value)}`);
}

function checkObject(name: string, value: unknown): void {
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		fail(name, 'an object', value);
}

function integerOption(name: string, value: unknown, fallback: number, min: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
		fail(name, `an integer >= ${min}`, value);
	}
	return value;
}

/** Milliseconds >= 0; `Infinity` allowed unless `allowInfinity` is false. */
function durationOption(
	name: string,
	value: unknown,
	fallback: number,
	allowInfinity = true,
): number {
	if (value === undefined) return fallback;
	const ok =
		typeof value === 'number' &&
		value >= 0 &&
		(Number.isFinite(value) || (allowInfinity && value === Infinity));
	if (!ok)
		fail(
			name,
			allowInfinity ? 'milliseconds >= 0 (or Infinity)' : 'finite milliseconds >= 0',
			value,
		);
	return value as number;
}

function booleanOption(name: string, value: unknown, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value !== 'boolean') fail(name, 'a boolean', value);
	return value;
}

function enumOption<T extends string>(
	name: string,
	value: unknown,
	fallback: T,
	allowed: readonly T[],
): T {
	if (value === undefined) return fallback;
	if (!allowed.includes(value as T)) fail(name, `one of ${allowed.join(', ')}`, value);
	return value as T;
}

function functionOption<T>(name: string, value: T | undefined): T | undefined {
	if (value !== undefined && typeof value !== 'function') fail(name, 'a function', value);
	return value;
}

function checkBus(bus: unknown): BusAdapter | undefined {
	if (bus === undefined) return undefined;
	if (bus === null || typeof (bus as BusAdapter).publishBatch !== 'function') {
		fail('bus', 'a BusAdapter (an object with publishBatch)', bus);
	}
	return bus as BusAdapter;
}

function checkSource(source: unknown): string {
	if (source === undefined) return DEFAULT_INTEGRATIONS_SOURCE;
	if (typeof source !== 'string' || !URL.canParse(source))
		fail('source', 'an absolute URI', source);
	return source;
}

function checkLogger(logger: unknown): IntegrationsLogger {
	if (logger === undefined) return silentLogger;
	const candidate = logger as IntegrationsLogger;
	const levels = ['error', 'warn', 'info', 'debug'] as const;
	if (logger === null || !levels.every((level) => typeof candidate[level] === 'function')) {
		fail('logger', 'a logger with error, warn, info and debug methods', logger);
	}
	return candidate;
}

function checkMeterProvider(provider: unknown): MeterProvider | undefined {
	if (provider === undefined) return undefined;
	if (provider === null || typeof (provider as MeterProvider).getMeter !== 'function') {
		fail('meterProvider', 'a MeterProvider', provider);
	}
	return provider as MeterProvider;
}

function checkPool(pool: unknown): ValidationPool | undefined {
	if (pool === undefined) return undefined;
	if (pool === null || typeof (pool as ValidationPool).run !== 'function') {
		fail('batching.workers.pool', 'a pool with run()', pool);
	}
	return pool as ValidationPool;
}

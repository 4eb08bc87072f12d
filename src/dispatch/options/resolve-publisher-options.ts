import { availableParallelism } from 'node:os';
import type { MeterProvider } from '@opentelemetry/api';
import type { BusAdapter, BusBatchingDefaults } from '../../bus/index.js';
import {
	booleanOption,
	checkRecord,
	durationOption,
	failOption,
	functionOption,
	integerOption,
	methodsOption,
	oneOf,
	positiveInteger,
} from '../../common/index.js';
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
import { OVERFLOW_POLICIES, VALIDATION_MODES } from './publisher-options.js';
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
	source: DEFAULT_INTEGRATIONS_SOURCE,
	batchingEnabled: false,
	maxBatchSize: 25,
	maxDelayMillis: 10,
	maxQueueSize: 10_000,
	/** Cap of the default `highWaterMark` (which is otherwise 80 % of `maxQueueSize`). */
	highWaterMark: 4_096,
	overflow: 'drop-newest' as OverflowPolicy,
	maxConcurrentFlushes: 1,
	flushTimeoutMillis: 30_000,
	preserveTopicOrder: true,
	closeTimeoutMillis: 30_000,
	maxRetries: 3,
	initialRetryDelayMillis: 100,
	maxRetryDelayMillis: 5_000,
	validation: 'auto' as ValidationMode,
	workerIdleTimeoutMillis: 30_000,
	minRawBodyBytes: 4_096,
	workerMaxBatchSize: 1_024,
	workerMaxBatchBytes: 4_194_304,
	metrics: true,
});

/** Applies the defaults and validates eagerly; throws `InvalidOptionError` naming the option. */
export function resolvePublisherOptions(options: PublisherOptions = {}): ResolvedPublisherOptions {
	checkRecord('options', options);
	const bus = checkBus(options.bus);
	const d = PUBLISHER_DEFAULTS;
	return {
		bus,
		source: checkSource(options.source),
		batching: resolveBatching(options.batching, busBatchingDefaults(bus)),
		closeTimeoutMillis: durationOption(
			'closeTimeoutMillis',
			options.closeTimeoutMillis,
			d.closeTimeoutMillis,
		),
		onInvalid: functionOption('onInvalid', options.onInvalid),
		onDrop: functionOption('onDrop', options.onDrop),
		onDeadLetter: functionOption('onDeadLetter', options.onDeadLetter),
		onAudit: functionOption('onAudit', options.onAudit),
		logger:
			methodsOption<IntegrationsLogger>('logger', options.logger, 'a logger', LOG_METHODS) ??
			silentLogger,
		meterProvider: methodsOption<MeterProvider>(
			'meterProvider',
			options.meterProvider,
			'a MeterProvider',
			['getMeter'],
		),
		metrics: booleanOption('metrics', options.metrics, d.metrics),
	};
}

const LOG_METHODS = ['error', 'warn', 'info', 'debug'] as const;

/** The bus's own batching defaults, checked, with the publisher's defaults where it has none. */
function busBatchingDefaults(bus: BusAdapter | undefined): Required<BusBatchingDefaults> {
	const hints: BusBatchingDefaults = bus?.batchingDefaults ?? {};
	checkRecord('bus.batchingDefaults', hints);
	const d = PUBLISHER_DEFAULTS;
	return {
		maxBatchSize: positiveInteger(
			'bus.batchingDefaults.maxBatchSize',
			hints.maxBatchSize,
			d.maxBatchSize,
		),
		maxConcurrentFlushes: positiveInteger(
			'bus.batchingDefaults.maxConcurrentFlushes',
			hints.maxConcurrentFlushes,
			d.maxConcurrentFlushes,
		),
	};
}

function resolveBatching(
	batching: BatchingOptions = {},
	defaults: Required<BusBatchingDefaults>,
): ResolvedBatching {
	checkRecord('batching', batching);
	const d = PUBLISHER_DEFAULTS;
	return {
		enabled: booleanOption('batching.enabled', batching.enabled, d.batchingEnabled),
		...resolveSizes(batching, defaults.maxBatchSize),
		...resolveFlushes(batching, defaults.maxConcurrentFlushes),
		overflow: oneOf('batching.overflow', batching.overflow, d.overflow, OVERFLOW_POLICIES),
		preserveTopicOrder: booleanOption(
			'batching.preserveTopicOrder',
			batching.preserveTopicOrder,
			d.preserveTopicOrder,
		),
		retry: resolveRetry(batching.retry),
		validation: oneOf('batching.validation', batching.validation, d.validation, VALIDATION_MODES),
		workers: resolveWorkers(batching.workers),
	};
}

/** When a batch leaves: its wait, the bus calls in flight and their timeout. */
function resolveFlushes(
	batching: BatchingOptions,
	defaultConcurrentFlushes: number,
): Pick<ResolvedBatching, 'maxDelayMillis' | 'maxConcurrentFlushes' | 'flushTimeoutMillis'> {
	const d = PUBLISHER_DEFAULTS;
	return {
		maxDelayMillis: durationOption(
			'batching.maxDelayMillis',
			batching.maxDelayMillis,
			d.maxDelayMillis,
			false,
		),
		maxConcurrentFlushes: positiveInteger(
			'batching.maxConcurrentFlushes',
			batching.maxConcurrentFlushes,
			defaultConcurrentFlushes,
		),
		flushTimeoutMillis: durationOption(
			'batching.flushTimeoutMillis',
			batching.flushTimeoutMillis,
			d.flushTimeoutMillis,
		),
	};
}

/** `maxQueueSize`, `maxBatchSize` and `highWaterMark`, which constrain each other. */
function resolveSizes(
	batching: BatchingOptions,
	defaultBatchSize: number,
): Pick<ResolvedBatching, 'maxQueueSize' | 'maxBatchSize' | 'highWaterMark'> {
	const d = PUBLISHER_DEFAULTS;
	const maxQueueSize = positiveInteger(
		'batching.maxQueueSize',
		batching.maxQueueSize,
		d.maxQueueSize,
	);
	const atMostQueue = (name: string, value: number): number => {
		if (value <= maxQueueSize) return value;
		return failOption(name, `at most batching.maxQueueSize (${maxQueueSize})`, value);
	};
	// A bus's default batch size is capped by the queue; one given explicitly must fit in it.
	const maxBatchSize = positiveInteger(
		'batching.maxBatchSize',
		batching.maxBatchSize,
		Math.min(defaultBatchSize, maxQueueSize),
	);
	const defaultHighWater = Math.min(d.highWaterMark, Math.max(1, Math.ceil(maxQueueSize * 0.8)));
	const highWaterMark = positiveInteger(
		'batching.highWaterMark',
		batching.highWaterMark,
		defaultHighWater,
	);
	return {
		maxQueueSize,
		maxBatchSize: atMostQueue('batching.maxBatchSize', maxBatchSize),
		highWaterMark: atMostQueue('batching.highWaterMark', highWaterMark),
	};
}

function resolveRetry(retry: BatchingOptions['retry'] = {}): RetryPolicy {
	checkRecord('batching.retry', retry);
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
		const expected = `at least batching.retry.initialDelayMillis (${initialDelayMillis})`;
		failOption('batching.retry.maxDelayMillis', expected, maxDelayMillis);
	}
	const maxRetries = integerOption('batching.retry.maxRetries', retry.maxRetries, d.maxRetries, 0);
	return { maxRetries, initialDelayMillis, maxDelayMillis };
}

function resolveWorkers(workers: BatchingOptions['workers']): ResolvedWorkers {
	const options: WorkerOptions =
		typeof workers === 'number' ? { maxThreads: workers } : (workers ?? {});
	checkRecord('batching.workers', options);
	const d = PUBLISHER_DEFAULTS;
	const defaultThreads = defaultWorkerThreads(availableParallelism());
	return {
		maxThreads: positiveInteger('batching.workers.maxThreads', options.maxThreads, defaultThreads),
		idleTimeoutMillis: durationOption(
			'batching.workers.idleTimeoutMillis',
			options.idleTimeoutMillis,
			d.workerIdleTimeoutMillis,
			false,
		),
		minRawBodyBytes: integerOption(
			'batching.workers.minRawBodyBytes',
			options.minRawBodyBytes,
			d.minRawBodyBytes,
			0,
		),
		maxBatchSize: positiveInteger(
			'batching.workers.maxBatchSize',
			options.maxBatchSize,
			d.workerMaxBatchSize,
		),
		maxBatchBytes: positiveInteger(
			'batching.workers.maxBatchBytes',
			options.maxBatchBytes,
			d.workerMaxBatchBytes,
		),
		pool: methodsOption<ValidationPool>('batching.workers.pool', options.pool, 'a pool', ['run']),
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

function checkBus(bus: unknown): BusAdapter | undefined {
	return methodsOption<BusAdapter>('bus', bus, 'a BusAdapter', ['publishBatch']);
}

function checkSource(source: unknown): string {
	if (source === undefined) return PUBLISHER_DEFAULTS.source;
	if (typeof source !== 'string' || !URL.canParse(source))
		failOption('source', 'an absolute URI', source);
	return source;
}

import type { MeterProvider } from '@opentelemetry/api';
import type { BusAdapter } from '../../bus/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import type { IntegrationsLogger } from '../../telemetry/index.js';
import type { ValidationIssue, ValidationPool } from '../validation-protocol.js';

export type { ValidationIssue, ValidationPool };

/** Delivery priority of an event: `high` flushes first and is dropped last. */
export type EventPriority = 'high' | 'normal' | 'low';

/**
 * What `emit` tells the producer: `accepted`; `backpressure` (accepted, but the queue is above its
 * high-water mark: slow down or `await ready()`); `dropped` (this event was dropped: queue full).
 */
export type EmitStatus = 'accepted' | 'backpressure' | 'dropped';

/** What `onInvalid` receives: the event as offered and every issue found. */
export interface InvalidEventReport {
	readonly topic: string;
	/**
	 * What the caller offered, reported during the call that found it invalid (`emit`; `emitRaw`
	 * bytes that are not UTF-8); or the body's text (`emitRaw`: bad JSON or a schema failure,
	 * reported when its batch is validated).
	 */
	readonly input: unknown;
	readonly issues: readonly ValidationIssue[];
}

/** Why an event was dropped. */
export type DropReason = 'queue_full' | 'displaced' | 'rejected';

/** What `onDrop` receives. Not called for `rejected`: the caller got the `QueueFullError`. */
export interface DroppedEventReport {
	readonly topic: string;
	/** The event as captured at `emit`: the valid payload's stripped copy, or the body's text. */
	readonly input: unknown;
	readonly priority: EventPriority;
	readonly reason: DropReason;
}

/** What `onDeadLetter` receives: an event given up after its last attempt (or at close timeout). */
export interface DeadLetterReport {
	readonly topic: string;
	/**
	 * The event as captured at `emit`: the valid payload's stripped copy, or the body's text (in
	 * sync mode, the body as given).
	 */
	readonly input: unknown;
	/** The envelope, when the event was validated before it was given up. */
	readonly envelope: IntegrationsEnvelope | undefined;
	/** The last error: from the bus, `ERR_FLUSH_TIMEOUT` or `ERR_CLOSE_TIMEOUT`. */
	readonly error: unknown;
	/** Bus attempts made (0 when the event never reached the bus). */
	readonly attempts: number;
}

/** What `onAudit` receives, once per envelope. `payloadSha256` is computed on first read. */
export interface AuditRecord {
	readonly id: string;
	readonly type: string;
	/** Hex SHA-256 of the canonical JSON of the validated payload. */
	readonly payloadSha256: string;
}

/** Retry of events the bus failed. Delay: exponential with equal jitter, capped. */
export interface RetryOptions {
	/** Retries after the first attempt before an event is dead-lettered. @default 3 */
	maxRetries?: number;
	/** Base delay of the first retry. @default 100 */
	initialDelayMillis?: number;
	/** Cap of any retry delay. @default 5000 */
	maxDelayMillis?: number;
}

/** Where batches are validated. */
export type ValidationMode = 'inline' | 'worker' | 'auto';

/** Every {@link ValidationMode}. */
export const VALIDATION_MODES: readonly ValidationMode[] = Object.freeze([
	'inline',
	'worker',
	'auto',
]);

/** What happens when an event arrives at a full queue (after displacing lower priorities). */
export type OverflowPolicy = 'drop-newest' | 'drop-oldest' | 'reject';

/** Every {@link OverflowPolicy}. */
export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = Object.freeze([
	'drop-newest',
	'drop-oldest',
	'reject',
]);

/** The validation worker pool. */
export interface WorkerOptions {
	/** Worker threads of the pool the publisher creates. @default max(1, availableParallelism() - 1) */
	maxThreads?: number;
	/** How long an idle worker lives. @default 30000 */
	idleTimeoutMillis?: number;
	/** In `auto` mode, `emitRaw` bodies of at least this many bytes go to a worker. @default 4096 */
	minRawBodyBytes?: number;
	/**
	 * Bodies per worker call at most, whatever `maxBatchSize` (the bus batch) is: one call serves
	 * several bus batches, so its fixed cost (a message each way) is spread over many bodies.
	 * @default 1024
	 */
	maxBatchSize?: number;
	/** A worker call closes once its bodies reach this many bytes. @default 4194304 (4 MiB) */
	maxBatchBytes?: number;
	/** A pool you own (e.g. piscina) running `validation-worker.js`; never closed by the publisher. */
	pool?: ValidationPool;
}

/** Opt-in micro-batching. */
export interface BatchingOptions {
	/** Batch, validate per batch and flush in the background. @default false (sync mode) */
	enabled?: boolean;
	/** Events per bus call. @default 25, or the bus's `batchingDefaults.maxBatchSize` (NATS: see its adapter) */
	maxBatchSize?: number;
	/** Longest time a queued event waits for a batch to fill while the pipeline is busy. @default 10 */
	maxDelayMillis?: number;
	/** Bound on events waiting (queued, held for ordering or awaiting a retry). @default 10000 */
	maxQueueSize?: number;
	/**
	 * Depth at which `emit` returns `'backpressure'` and `ready()` waits (until the depth is back to
	 * half of it). A short queue also keeps queued events out of the old GC generation.
	 * @default min(4096, 80% of maxQueueSize)
	 */
	highWaterMark?: number;
	/** Policy when the queue is full. @default 'drop-newest' */
	overflow?: OverflowPolicy;
	/** Bus calls in flight at once. @default 1, or the bus's `batchingDefaults.maxConcurrentFlushes` */
	maxConcurrentFlushes?: number;
	/** A bus call not settled after this long counts as failed (0: never). @default 30000 */
	flushTimeoutMillis?: number;
	/** Hold later events of a topic while an earlier one awaits a retry. @default true */
	preserveTopicOrder?: boolean;
	retry?: RetryOptions;
	/** @default 'auto' */
	validation?: ValidationMode;
	/** Worker pool options, or just `maxThreads`. */
	workers?: number | WorkerOptions;
}

/** An environment: `process.env` or any map of variable names to strings. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/** Options of {@link createIntegrationsPublisher}. */
export interface PublisherOptions {
	/**
	 * Where the `INTEGRATIONS_*` variables come from. They are defaults under these options, field by
	 * field: an option given here always wins over its variable. `false` reads no environment at all
	 * (tests, or a service that configures everything in code).
	 * @default process.env
	 */
	env?: false | ConfigEnv;
	/** Where envelopes go. @default a new in-process bus (closed by `close()`) */
	bus?: BusAdapter;
	/** CloudEvents `source`, an absolute URI. @default 'urn:cortex:integrations' */
	source?: string;
	batching?: BatchingOptions;
	/** How long `close()` waits for the drain; what is left is dead-lettered. @default 30000 */
	closeTimeoutMillis?: number;
	onInvalid?: (report: InvalidEventReport) => void;
	onDrop?: (report: DroppedEventReport) => void;
	onDeadLetter?: (report: DeadLetterReport) => void;
	/** Called once per envelope; when absent no hash is ever computed. */
	onAudit?: (record: AuditRecord) => void;
	/** Structured logger (pino-compatible). @default silent */
	logger?: IntegrationsLogger;
	/** @default metrics.getMeterProvider() from `@opentelemetry/api` (no-op unless an SDK is set) */
	meterProvider?: MeterProvider;
	/** `false` leaves every instrument a no-op. @default true */
	metrics?: boolean;
}

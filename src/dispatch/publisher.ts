import type { BusAdapter, InProcessBus } from '../bus/index.js';
import { describeError, failOption } from '../common/index.js';
import type {
	ApiCallEvent,
	DataSyncEvent,
	IntegrationConnectedEvent,
	IntegrationsEventMap,
	WebhookReceivedEvent,
} from '../events/index.js';
import { INTEGRATIONS_TOPICS, type IntegrationsTopic } from '../events/index.js';
import { createLogFn, type LogFn } from '../telemetry/index.js';
import { type PublisherStats, snapshotStats } from './accounting/index.js';
import type { BatchDispatcher } from './batch-dispatcher.js';
import { activeSpanContext } from './envelope/index.js';
import type { EmitStatus, EventPriority, PublisherOptions } from './options/index.js';
import {
	type ResolvedPublisherOptions,
	resolvePublisherOptions,
	withEnvironment,
} from './options/index.js';
import {
	createPendingEvent,
	PRIORITY_NORMAL,
	priorityIndexOf,
	topicIndexOf,
	UNKNOWN_TOPIC_INDEX,
} from './pending-event.js';
import { CloseTimeoutError, PublisherClosedError, UnknownTopicError } from './publisher-errors.js';
import { createPublisherParts, type PublisherParts } from './publisher-parts.js';
import type { BatchValidator } from './validation/index.js';
import { captureEvent, InvalidCapture } from './validation/index.js';

/** Per-event options of `emit`. */
export interface EmitOptions {
	/** @default 'normal' */
	priority?: EventPriority;
}

/**
 * The integrations publisher. See {@link createIntegrationsPublisher}. `B` is the type of its bus:
 * the in-process bus it creates when none is given (so `publisher.bus.subscribe` type-checks), else
 * the bus passed in `options.bus`.
 */
export interface IntegrationsPublisher<B extends BusAdapter = BusAdapter> {
	/**
	 * Offers an event, taken as it is during this call: changing `data` afterwards changes nothing.
	 * Sync mode: validates at once (throws the `ZodError` on bad data, as `createIntegrationsEvent`
	 * does) and sends it unbatched. Batching mode: validates it now too (a fresh, stripped copy is
	 * queued; an invalid event is counted and reported to `onInvalid` before the call returns) and
	 * never throws for bad data (only after `close()`, or `ERR_QUEUE_FULL` under the `reject` policy).
	 */
	emit<T extends IntegrationsTopic>(
		topic: T,
		data: IntegrationsEventMap[T],
		options?: EmitOptions,
	): EmitStatus;
	/**
	 * Offers a JSON body not parsed yet (e.g. a webhook body), taken as it is during this call: in
	 * batching mode bytes are checked as UTF-8 and copied once (sync mode parses them at once), so the
	 * buffer may be reused as soon as the call returns. In batching mode, invalid UTF-8 is reported
	 * during the call and invalid JSON with its batch, and bodies of at least
	 * `workers.minRawBodyBytes` are validated on a worker (`auto`).
	 */
	emitRaw(topic: IntegrationsTopic, body: Uint8Array | string, options?: EmitOptions): EmitStatus;
	connected(data: IntegrationConnectedEvent, options?: EmitOptions): EmitStatus;
	dataSynced(data: DataSyncEvent, options?: EmitOptions): EmitStatus;
	apiCalled(data: ApiCallEvent, options?: EmitOptions): EmitStatus;
	webhookReceived(data: WebhookReceivedEvent, options?: EmitOptions): EmitStatus;
	/** Resolves once the queue is back under its low-water mark (at once when not under pressure). */
	ready(): Promise<void>;
	/** Resolves when every event offered so far is settled (delivered, invalid, dropped or dead-lettered). */
	flush(): Promise<void>;
	/** Drains (up to `closeTimeoutMillis`, then dead-letters the rest), releases resources; idempotent. */
	close(): Promise<void>;
	/** Live counters. */
	stats(): PublisherStats;
	/** The bus in use (the in-process bus it created when none was given). */
	readonly bus: B;
	readonly closed: boolean;
}

/**
 * Creates a publisher: sync (compat) by default, micro-batching with `batching.enabled` (or
 * `INTEGRATIONS_BATCHING=true`: the `INTEGRATIONS_*` variables are defaults under `options`, unless
 * `env: false`).
 */
export function createIntegrationsPublisher(
	options?: PublisherOptions & { bus?: undefined },
): IntegrationsPublisher<InProcessBus>;
export function createIntegrationsPublisher<B extends BusAdapter>(
	options: PublisherOptions & { bus: B },
): IntegrationsPublisher<B>;
export function createIntegrationsPublisher(options?: PublisherOptions): IntegrationsPublisher;
export function createIntegrationsPublisher(options: PublisherOptions = {}): IntegrationsPublisher {
	const resolved = resolvePublisherOptions(withEnvironment(options));
	const log = createLogFn(resolved.logger);
	return new Publisher(resolved, createPublisherParts(resolved, log), log);
}

class Publisher implements IntegrationsPublisher {
	readonly #options: ResolvedPublisherOptions;
	readonly #parts: PublisherParts;
	readonly #log: LogFn;
	#closed = false;
	#closing: Promise<void> | undefined;

	constructor(options: ResolvedPublisherOptions, parts: PublisherParts, log: LogFn) {
		this.#options = options;
		this.#parts = parts;
		this.#log = log;
	}

	get bus(): BusAdapter {
		return this.#parts.bus;
	}

	get closed(): boolean {
		return this.#closed;
	}

	emit<T extends IntegrationsTopic>(
		topic: T,
		data: IntegrationsEventMap[T],
		options?: EmitOptions,
	): EmitStatus {
		return this.#offer(topic, data, false, options);
	}

	emitRaw(topic: IntegrationsTopic, body: Uint8Array | string, options?: EmitOptions): EmitStatus {
		if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
			failOption('body', 'a Uint8Array or a string', body);
		}
		return this.#offer(topic, body, true, options);
	}

	connected(data: IntegrationConnectedEvent, options?: EmitOptions): EmitStatus {
		return this.#offer(INTEGRATIONS_TOPICS.connected, data, false, options);
	}

	dataSynced(data: DataSyncEvent, options?: EmitOptions): EmitStatus {
		return this.#offer(INTEGRATIONS_TOPICS.dataSynced, data, false, options);
	}

	apiCalled(data: ApiCallEvent, options?: EmitOptions): EmitStatus {
		return this.#offer(INTEGRATIONS_TOPICS.apiCalled, data, false, options);
	}

	webhookReceived(data: WebhookReceivedEvent, options?: EmitOptions): EmitStatus {
		return this.#offer(INTEGRATIONS_TOPICS.webhookReceived, data, false, options);
	}

	ready(): Promise<void> {
		return this.#parts.batch?.ready() ?? Promise.resolve();
	}

	flush(): Promise<void> {
		const barrier = this.#parts.tracker.barrier();
		this.#parts.batch?.drainNow();
		return barrier;
	}

	close(): Promise<void> {
		this.#closing ??= this.#shutdown();
		return this.#closing;
	}

	stats(): PublisherStats {
		return snapshotStats(this.#parts.counters);
	}

	/**
	 * Every mode takes the event as it is during this call (see README, "What emit captures"): sync
	 * mode validates it now; batching keeps what `captureEvent` returns, never the caller's object.
	 */
	#offer(
		topic: string,
		input: unknown,
		raw: boolean,
		options: EmitOptions | undefined,
	): EmitStatus {
		if (this.#closed) throw new PublisherClosedError();
		const priority =
			options?.priority === undefined ? PRIORITY_NORMAL : checkPriority(options.priority);
		const topicIndex = topicIndexOf(topic);
		if (this.#parts.batch === undefined) {
			this.#sendNow(topic, topicIndex, priority, input, raw);
			return 'accepted';
		}
		return this.#enqueue(this.#parts.batch, topic, topicIndex, priority, input, raw);
	}

	#sendNow(topic: string, topicIndex: number, priority: number, input: unknown, raw: boolean) {
		if (topicIndex === UNKNOWN_TOPIC_INDEX) throw new UnknownTopicError(topic);
		this.#parts.sync?.emit(topic, topicIndex, priority, input, raw);
	}

	#enqueue(
		batch: BatchDispatcher,
		topic: string,
		topicIndex: number,
		priority: number,
		input: unknown,
		raw: boolean,
	): EmitStatus {
		const bodies = (this.#parts.validator as BatchValidator).bodies;
		const captured = captureEvent(topicIndex, input, raw, bodies);
		const epoch = this.#parts.accounting.offer(topicIndex, priority);
		const span = activeSpanContext();
		if (!(captured instanceof InvalidCapture)) {
			return batch.enqueue(topic, topicIndex, priority, captured, raw, span, epoch);
		}
		// Invalid at the call: settled now (the queue never holds it), reported with the caller's input.
		const event = createPendingEvent(topic, topicIndex, priority, input, raw, span, epoch);
		this.#parts.accounting.invalid(event, captured.issues);
		return batch.status();
	}

	async #shutdown(): Promise<void> {
		this.#closed = true;
		const timeout = this.#options.closeTimeoutMillis;
		if (!(await settlesWithin(this.flush(), timeout)))
			await this.#abandon(new CloseTimeoutError(timeout));
		const { batch, sync, validator, metrics, bus, ownsBus } = this.#parts;
		batch?.stop();
		sync?.stop();
		await validator?.close().catch((error: unknown) => this.#logCloseError('validator', error));
		metrics.close();
		if (ownsBus) await bus.close?.().catch((error: unknown) => this.#logCloseError('bus', error));
	}

	async #abandon(error: CloseTimeoutError): Promise<void> {
		const pending = this.stats().pending;
		this.#log('error', 'integrations publisher close timed out; dead-lettering what is left', {
			pending,
			code: error.code,
		});
		this.#parts.batch?.abandon(error);
		this.#parts.sync?.abandon(error);
		await this.#parts.tracker.barrier();
	}

	#logCloseError(part: string, error: unknown): void {
		this.#log('warn', `integrations publisher could not close its ${part}`, {
			error: describeError(error),
		});
	}
}

function checkPriority(priority: unknown): number {
	const index = priorityIndexOf(priority);
	if (index < 0) {
		failOption('priority', 'one of high, normal, low', priority);
	}
	return index;
}

/** True when `promise` settles within `timeoutMillis` (the timer keeps the process alive meanwhile). */
async function settlesWithin(promise: Promise<void>, timeoutMillis: number): Promise<boolean> {
	if (timeoutMillis === Number.POSITIVE_INFINITY) {
		await promise;
		return true;
	}
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<boolean>((resolve) => {
		timer = setTimeout(() => resolve(false), timeoutMillis);
	});
	try {
		return await Promise.race([promise.then(() => true), expired]);
	} finally {
		clearTimeout(timer);
	}
}

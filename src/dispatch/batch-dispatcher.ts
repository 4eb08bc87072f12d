import type { SpanContext } from '@opentelemetry/api';
import pLimit, { type LimitFunction } from 'p-limit';
import { describeError } from '../common/index.js';
import type { IntegrationsEnvelope } from '../events/index.js';
import type { LogFn, PublisherMetrics } from '../telemetry/index.js';
import {
	DROP_DISPLACED,
	DROP_QUEUE_FULL,
	DROP_REJECTED,
	type EventAccounting,
} from './accounting/index.js';
import type { BusDelivery, PublishGroup } from './delivery/index.js';
import { DeliverySettler, RetryScheduler, TopicGate } from './delivery/index.js';
import { type EnvelopeFactory, wallClockOffset } from './envelope/index.js';
import type { EmitStatus, ResolvedBatching } from './options/index.js';
import { createPendingEvent, type PendingEvent } from './pending-event.js';
import { QueueFullError } from './publisher-errors.js';
import { DrainScheduler, EventQueue, RingQueue } from './queue/index.js';
import type { BatchValidator } from './validation/index.js';
import { type ValidationOutcome, validateInline } from './validation/index.js';

export interface BatchDispatcherParts {
	readonly batching: ResolvedBatching;
	readonly delivery: BusDelivery;
	readonly validator: BatchValidator;
	readonly envelopes: EnvelopeFactory;
	readonly accounting: EventAccounting;
	readonly metrics: PublisherMetrics;
	readonly log: LogFn;
}

/** A batch between the queue and the bus: pulled, then validated into `group`. */
interface StagedBatch {
	readonly events: PendingEvent[];
	group: PublishGroup | undefined;
	abandoned: boolean;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * The batching pipeline: bounded priority queue → batches validated inline or on workers (kept
 * in pull order) → bus calls bounded by p-limit → delivered, retried with backoff or dead-lettered.
 *
 * Ordering guarantees (also in the README):
 * 1. Events of one priority reach the bus for the first time in the order they were emitted.
 *    Priorities reorder by design: queued `high` events go before `normal`, `normal` before `low`.
 * 2. With `preserveTopicOrder` (default), while an event awaits a retry, later events of its topic
 *    are held and sent only after it is delivered or dead-lettered; other topics keep flowing.
 * 3. Not covered: events of the same topic already handed to the bus before the failure was known
 *    (later items of the same batch that the bus accepted, or another batch in flight when
 *    `maxConcurrentFlushes > 1`) may be accepted before the retried one. For strict per-topic
 *    order use `maxConcurrentFlushes: 1` (the default) and a bus that fails the rest of a batch
 *    after a failed item, or rejects whole batches.
 */
export class BatchDispatcher {
	readonly #queue = new EventQueue();
	readonly #gate = new TopicGate();
	readonly #stage = new RingQueue<StagedBatch>();
	readonly #retries: RetryScheduler;
	readonly #settler: DeliverySettler;
	readonly #scheduler: DrainScheduler;
	readonly #limit: LimitFunction;
	readonly #parts: BatchDispatcherParts;
	readonly #batching: ResolvedBatching;
	readonly #highWater: number;
	readonly #lowWater: number;
	#publishing = 0;
	#draining = false;
	#pumping = false;
	#validatingAsync = 0;
	#abandoned = false;
	#pressure: Promise<void> | undefined;
	#relieve: (() => void) | undefined;

	constructor(parts: BatchDispatcherParts) {
		const batching = parts.batching;
		this.#parts = parts;
		this.#batching = batching;
		this.#limit = pLimit(batching.maxConcurrentFlushes);
		this.#highWater = batching.highWaterMark;
		this.#lowWater = Math.floor(batching.highWaterMark / 2);
		this.#retries = new RetryScheduler(() => this.#scheduler.continue());
		this.#settler = new DeliverySettler(batching, parts, this.#gate, this.#retries);
		const onWindow = () => {
			this.#draining = true;
		};
		this.#scheduler = new DrainScheduler(() => this.#pump(), onWindow, batching.maxDelayMillis);
	}

	/** Events waiting: queued, held for topic order, or awaiting a retry (bounded by maxQueueSize). */
	get depth(): number {
		return this.#queue.length + this.#gate.heldCount + this.#retries.eventCount;
	}

	/** Queued events of one priority (for the queue-depth gauge). */
	queueDepth(priority: number): number {
		return this.#queue.lengthOf(priority);
	}

	/**
	 * Queues an offered event (as columns: no object per queued event), applying the overflow
	 * policy when the queue is full. `input` is what `captureEvent` took at the call: the valid,
	 * fresh payload of an object event, or the text of a raw body.
	 */
	enqueue(
		topic: string,
		topicIndex: number,
		priority: number,
		input: unknown,
		raw: boolean,
		spanContext: SpanContext | undefined,
		epoch: number,
	): EmitStatus {
		if (this.depth >= this.#batching.maxQueueSize && !this.#makeRoom(priority)) {
			const event = createPendingEvent(topic, topicIndex, priority, input, raw, spanContext, epoch);
			return this.#refuse(event);
		}
		this.#queue.push(topic, topicIndex, priority, input, raw, spanContext, epoch);
		this.#schedule();
		return this.status();
	}

	/** What `emit` reports for an event accepted now: `backpressure` at or above the high-water mark. */
	status(): EmitStatus {
		return this.depth >= this.#highWater ? 'backpressure' : 'accepted';
	}

	/** Resolves when the queue is at or under its low-water mark (at once when not under pressure). */
	ready(): Promise<void> {
		if (this.depth < this.#highWater || this.#abandoned) return RESOLVED;
		this.#pressure ??= new Promise<void>((resolve) => {
			this.#relieve = resolve;
		});
		return this.#pressure;
	}

	/** Sends partial batches now instead of waiting for the window (used by `flush()`). */
	drainNow(): void {
		if (this.#queue.length === 0) return;
		this.#draining = true;
		this.#scheduler.soon();
	}

	/**
	 * Gives up: every event not settled yet is dead-lettered with `error` (bus calls in flight are
	 * abandoned and their late results ignored); nothing is retried any more.
	 */
	abandon(error: unknown): void {
		this.#abandoned = true;
		this.#settler.giveUp(error);
		const queued: PendingEvent[] = [];
		this.#queue.drainInto(queued);
		for (const event of queued) this.#parts.accounting.deadLettered(event, undefined, error, 0);
		for (let batch = this.#stage.shift(); batch; batch = this.#stage.shift()) {
			batch.abandoned = true;
			if (batch.group !== undefined) this.#settler.deadLetter(batch.group, error);
			else
				for (const event of batch.events)
					this.#parts.accounting.deadLettered(event, undefined, error, 0);
		}
		const groups: PublishGroup[] = [];
		this.#gate.drainInto(groups);
		this.#retries.drainInto(groups);
		for (const group of groups) this.#settler.deadLetter(group, error);
		this.#parts.delivery.abandonAll(error);
		this.#relievePressure();
	}

	/** Stops every timer. */
	stop(): void {
		this.#scheduler.cancel();
		this.#parts.delivery.cancel();
		this.#relievePressure();
	}

	#schedule(): void {
		if (!this.#draining && this.#publishing === 0 && this.#stage.length === 0) {
			this.#draining = true;
			this.#scheduler.soon();
		} else if (this.#queue.length >= this.#batching.maxBatchSize || this.depth >= this.#highWater) {
			this.#scheduler.soon();
		} else {
			this.#scheduler.armWindow();
		}
	}

	/**
	 * Frees one slot of a full queue for an event of `priority`: the newest event of a lower
	 * priority is displaced, or (drop-oldest) the oldest of the same priority is dropped.
	 */
	#makeRoom(priority: number): boolean {
		const accounting = this.#parts.accounting;
		const displaced = this.#queue.popLowerThan(priority);
		if (displaced !== undefined) {
			accounting.dropped(displaced, DROP_DISPLACED);
			return true;
		}
		if (this.#batching.overflow !== 'drop-oldest') return false;
		const oldest = this.#queue.shiftOf(priority);
		if (oldest === undefined) return false;
		accounting.dropped(oldest, DROP_QUEUE_FULL);
		return true;
	}

	/** The queue is full and nothing could make room: drop (or, `reject`, throw for) `event`. */
	#refuse(event: PendingEvent): EmitStatus {
		if (this.#batching.overflow === 'reject') {
			this.#parts.accounting.dropped(event, DROP_REJECTED);
			throw new QueueFullError(this.#batching.maxQueueSize);
		}
		this.#parts.accounting.dropped(event, DROP_QUEUE_FULL);
		return 'dropped';
	}

	#pump(): void {
		if (this.#pumping || this.#abandoned) return;
		this.#pumping = true;
		try {
			for (;;) {
				if (this.#publishing < this.#batching.maxConcurrentFlushes) {
					const group = this.#nextGroup();
					if (group !== undefined) {
						this.#startPublish(group);
						continue;
					}
				}
				if (!this.#shouldPull()) break;
				this.#pullBatch();
			}
		} finally {
			this.#pumping = false;
		}
		if (this.#queue.length === 0) this.#draining = false;
		if (this.depth <= this.#lowWater) this.#relievePressure();
	}

	#shouldPull(): boolean {
		const queued = this.#queue.length;
		if (queued === 0) return false;
		const inPipeline = this.#publishing + this.#stage.length;
		// Validate ahead only while validation is asynchronous (workers), as far as the validator
		// asks (enough batches to fill its worker calls): inline batches are pulled just in time, so
		// a later high-priority event is never stuck behind pre-pulled ones.
		const lookahead = this.#validatingAsync > 0 ? this.#parts.validator.lookahead() : 0;
		if (inPipeline >= this.#batching.maxConcurrentFlushes + lookahead) return false;
		return this.#draining || queued >= this.#batching.maxBatchSize || this.depth >= this.#highWater;
	}

	/** Retries first, then events released by the topic gate, then validated batches in order. */
	#nextGroup(): PublishGroup | undefined {
		const retry = this.#retries.takeReady();
		if (retry !== undefined) return retry;
		const released = this.#gate.release(this.#batching.maxBatchSize);
		if (released !== undefined) return released;
		for (let front = this.#stage.peek(); front?.group; front = this.#stage.peek()) {
			this.#stage.shift();
			const group = this.#batching.preserveTopicOrder ? this.#gate.admit(front.group) : front.group;
			if (group.events.length > 0) return group;
		}
		return undefined;
	}

	#pullBatch(): void {
		const events: PendingEvent[] = [];
		const max = this.#batching.maxBatchSize;
		for (let event = this.#queue.shift(); event !== undefined; event = this.#queue.shift()) {
			events.push(event);
			if (events.length === max) break;
		}
		if (this.#queue.length === 0) this.#draining = false;
		const batch: StagedBatch = { events, group: undefined, abandoned: false };
		this.#stage.push(batch);
		const started = performance.now();
		let outcome: ValidationOutcome | Promise<ValidationOutcome>;
		try {
			outcome = this.#parts.validator.validate(events);
		} catch (error) {
			outcome = this.#validationFailed(events, error);
		}
		if (!(outcome instanceof Promise)) {
			this.#validated(batch, outcome, started);
			return;
		}
		this.#validatingAsync++;
		outcome
			.catch((error: unknown) => this.#validationFailed(events, error))
			.then((result) => {
				this.#validatingAsync--;
				this.#validated(batch, result, started);
				this.#scheduler.continue();
			});
	}

	/** A validator failure never strands a staged batch: it is validated again, inline, per event. */
	#validationFailed(events: readonly PendingEvent[], error: unknown): ValidationOutcome {
		this.#internalError(error);
		return validateInline(events);
	}

	#validated(batch: StagedBatch, outcome: ValidationOutcome, started: number): void {
		if (batch.abandoned) return;
		const { accounting, envelopes, metrics } = this.#parts;
		metrics.recordValidation((performance.now() - started) / 1000, outcome.mode);
		for (const failure of outcome.invalid) accounting.invalid(failure.event, failure.issues);
		const offset = wallClockOffset();
		const auditing = accounting.auditing;
		const { valid, values } = outcome;
		const built = new Array<IntegrationsEnvelope>(valid.length);
		for (let i = 0; i < valid.length; i++) {
			const envelope = envelopes.build(valid[i] as PendingEvent, values[i], offset);
			built[i] = envelope;
			if (auditing) accounting.audit(envelope);
		}
		batch.group = { events: valid, envelopes: built, attempt: 0 };
	}

	#startPublish(group: PublishGroup): void {
		this.#publishing++;
		if (group.attempt > 0) this.#parts.accounting.retried(group.events);
		void this.#limit(this.#publishGroup, group);
	}

	readonly #publishGroup = async (group: PublishGroup): Promise<void> => {
		try {
			const started = performance.now();
			const failure = await this.#parts.delivery.send(group.envelopes);
			const outcome = failure === null ? 'success' : failure.indexes ? 'partial' : 'failure';
			this.#parts.metrics.recordFlush(
				(performance.now() - started) / 1000,
				outcome,
				group.events.length,
			);
			this.#settler.settle(group, failure);
		} catch (error) {
			this.#internalError(error);
		} finally {
			this.#publishing--;
		}
		if (this.#queue.length > 0) this.#draining = true;
		this.#scheduler.continue();
	};

	#relievePressure(): void {
		this.#parts.accounting.pressureRelieved(this.depth);
		const relieve = this.#relieve;
		if (relieve === undefined) return;
		this.#pressure = undefined;
		this.#relieve = undefined;
		relieve();
	}

	#internalError(error: unknown): void {
		this.#parts.log('error', 'integrations publisher internal error', {
			error: describeError(error),
		});
	}
}

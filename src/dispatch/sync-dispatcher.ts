import type { BusAdapter, PublishBatchResult } from '../bus/index.js';
import type { IntegrationsEnvelope } from '../events/index.js';
import type { PublisherMetrics } from '../telemetry/index.js';
import type { EventAccounting } from './accounting/index.js';
import {
	type BusDelivery,
	type DeliveryFailure,
	readResult,
	wholeFailure,
} from './delivery/index.js';
import { activeSpanContext, type EnvelopeFactory, wallClockOffset } from './envelope/index.js';
import { createPendingEvent, type PendingEvent } from './pending-event.js';
import { validateSync } from './validation/index.js';

type PublishNow = (envelopes: readonly IntegrationsEnvelope[]) => PublishBatchResult;

/** `offeredAt` of an event settled at once that the histograms will not record: no clock read. */
const UNTIMED = -1;

/**
 * Sync (compat) mode: each event is validated during its `emit` call and goes to the bus at once,
 * in its own call, without batching or retry. The caller never awaits: the outcome lands in the
 * counters (a failed call dead-letters the event) and nothing is left as an unhandled rejection.
 *
 * On a bus with `publishBatchSync` (the in-process bus) the call completes, and the event is
 * settled, before `emit` returns: no promise, no watchdog, no keep-alive hold. Any other bus goes
 * through {@link BusDelivery} (timeout watchdog, `abandon` on close) and settles when it answers.
 */
export class SyncDispatcher {
	readonly #publishNow: PublishNow | undefined;
	readonly #delivery: BusDelivery;
	readonly #envelopes: EnvelopeFactory;
	readonly #accounting: EventAccounting;
	readonly #metrics: PublisherMetrics;

	constructor(
		bus: BusAdapter,
		delivery: BusDelivery,
		envelopes: EnvelopeFactory,
		accounting: EventAccounting,
		metrics: PublisherMetrics,
	) {
		this.#publishNow =
			typeof bus.publishBatchSync === 'function' ? bus.publishBatchSync.bind(bus) : undefined;
		this.#delivery = delivery;
		this.#envelopes = envelopes;
		this.#accounting = accounting;
		this.#metrics = metrics;
	}

	/**
	 * Offers, validates and sends one event of a known topic. Throws what validation throws (the
	 * event is counted invalid first).
	 */
	emit(topic: string, topicIndex: number, priority: number, input: unknown, raw: boolean): void {
		const span = activeSpanContext();
		if (this.#publishNow === undefined) {
			const epoch = this.#accounting.offer(topicIndex, priority);
			const event = createPendingEvent(topic, topicIndex, priority, input, raw, span, epoch);
			const data = validateSync(event, this.#accounting);
			// A later dead-letter report shows the payload as sent, not the caller's object as it is then.
			this.#send(raw ? event : { ...event, input: data }, data);
			return;
		}
		const epoch = this.#accounting.offerSettledNow(topicIndex, priority);
		// The clock is read only for an event the histograms will record.
		const offeredAt =
			this.#metrics.enabled && this.#metrics.sampling() ? performance.now() : UNTIMED;
		const event = createPendingEvent(
			topic,
			topicIndex,
			priority,
			input,
			raw,
			span,
			epoch,
			offeredAt,
		);
		this.#publish(this.#publishNow, event, validateSync(event, this.#accounting));
	}

	/** Settles every call in flight as failed with `error` (close timeout). */
	abandon(error: unknown): void {
		this.#delivery.abandonAll(error);
	}

	stop(): void {
		this.#delivery.cancel();
	}

	/** The bus completes the call before it returns: the event is settled here, at once. */
	#publish(publishNow: PublishNow, event: PendingEvent, data: unknown): void {
		const envelope = this.#envelopes.buildNow(event, data);
		if (this.#accounting.auditing) this.#accounting.audit(envelope);
		const started = event.offeredAt === UNTIMED ? UNTIMED : performance.now();
		let failure: DeliveryFailure | null;
		try {
			failure = readNow(publishNow([envelope]));
		} catch (error) {
			failure = wholeFailure(error);
		}
		if (started !== UNTIMED) this.#record(event, failure, started);
		if (failure === null) {
			this.#accounting.delivered(event);
			this.#accounting.busRecovered();
		} else {
			const sent = event.raw ? event : { ...event, input: data };
			this.#accounting.deadLettered(sent, envelope, failure.error, 1);
		}
	}

	/** The bus answers later: the event settles when it does (or on the watchdog's timeout). */
	#send(event: PendingEvent, data: unknown): void {
		const envelope = this.#envelopes.build(event, data, wallClockOffset());
		if (this.#accounting.auditing) this.#accounting.audit(envelope);
		const started = performance.now();
		this.#delivery
			.send([envelope])
			.then((failure) => this.#settle(event, envelope, failure, started));
	}

	#settle(
		event: PendingEvent,
		envelope: IntegrationsEnvelope,
		failure: DeliveryFailure | null,
		started: number,
	): void {
		this.#record(event, failure, started);
		if (failure === null) {
			this.#accounting.delivered(event);
			this.#accounting.busRecovered();
		} else {
			this.#accounting.deadLettered(event, envelope, failure.error, 1);
		}
	}

	#record(event: PendingEvent, failure: DeliveryFailure | null, started: number): void {
		const now = performance.now();
		this.#metrics.recordFlush((now - started) / 1000, failure === null ? 'success' : 'failure', 1);
		if (failure === null && this.#metrics.enabled)
			this.#metrics.recordDeliveryLatency((now - event.offeredAt) / 1000);
	}
}

/**
 * The outcome of a `publishBatchSync` call of one envelope. A promise (from a JavaScript bus: the
 * type refuses one) means the bus does not complete its calls at once: the outcome is unknown, so
 * the event is dead-lettered, and the promise's rejection is caught.
 */
function readNow(result: PublishBatchResult): DeliveryFailure | null {
	const then = (result as { then?: unknown } | undefined)?.then;
	if (typeof then !== 'function') return readResult(result, 1);
	(result as unknown as Promise<unknown>).then(undefined, ignore);
	return wholeFailure(
		new TypeError(
			'publishBatchSync returned a promise: a bus that may wait must only have publishBatch',
		),
	);
}

const ignore = (): void => {};

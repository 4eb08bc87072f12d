import type { IntegrationsEnvelope } from '../events/envelope.js';
import type { PublisherMetrics } from '../telemetry/publisher-metrics.js';
import type { BusDelivery, DeliveryFailure } from './bus-delivery.js';
import { type EnvelopeFactory, wallClockOffset } from './envelope-factory.js';
import type { EventAccounting } from './event-accounting.js';
import type { PendingEvent } from './pending-event.js';

/**
 * Sync (compat) mode: each validated event goes to the bus at once, in its own call, without
 * batching or retry. The caller never awaits: the outcome lands in the counters (a failed call
 * dead-letters the event) and nothing is left as an unhandled rejection.
 */
export class SyncDispatcher {
	readonly #delivery: BusDelivery;
	readonly #envelopes: EnvelopeFactory;
	readonly #accounting: EventAccounting;
	readonly #metrics: PublisherMetrics;

	constructor(
		delivery: BusDelivery,
		envelopes: EnvelopeFactory,
		accounting: EventAccounting,
		metrics: PublisherMetrics,
	) {
		this.#delivery = delivery;
		this.#envelopes = envelopes;
		this.#accounting = accounting;
		this.#metrics = metrics;
	}

	/** Sends a validated event; `data` is its stripped payload. */
	send(event: PendingEvent, data: unknown): void {
		const envelope = this.#envelopes.build(event, data, wallClockOffset());
		if (this.#accounting.auditing) this.#accounting.audit(envelope);
		const started = performance.now();
		this.#delivery
			.send([envelope])
			.then((failure) => this.#settle(event, envelope, failure, started));
	}

	/** Settles every call in flight as failed with `error` (close timeout). */
	abandon(error: unknown): void {
		this.#delivery.abandonAll(error);
	}

	stop(): void {
		this.#delivery.cancel();
	}

	#settle(
		event: PendingEvent,
		envelope: IntegrationsEnvelope,
		failure: DeliveryFailure | null,
		started: number,
	): void {
		const now = performance.now();
		this.#metrics.recordFlush((now - started) / 1000, failure === null ? 'success' : 'failure', 1);
		if (failure === null) {
			this.#accounting.delivered(event);
			this.#accounting.busRecovered();
			if (this.#metrics.enabled)
				this.#metrics.recordDeliveryLatency((now - event.offeredAt) / 1000);
		} else {
			this.#accounting.deadLettered(event, envelope, failure.error, 1);
		}
	}
}

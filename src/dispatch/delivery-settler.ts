import type { IntegrationsEnvelope } from '../events/envelope.js';
import { createEpisode, type LogFn } from '../telemetry/logger.js';
import type { PublisherMetrics } from '../telemetry/publisher-metrics.js';
import type { DeliveryFailure } from './bus-delivery.js';
import { describeError, type EventAccounting } from './event-accounting.js';
import type { PendingEvent } from './pending-event.js';
import type { PublishGroup } from './publish-group.js';
import type { ResolvedBatching } from './resolve-publisher-options.js';
import { retryDelayMillis } from './retry-policy.js';
import type { RetryScheduler } from './retry-scheduler.js';
import type { TopicGate } from './topic-gate.js';

/**
 * Turns the outcome of one bus call into settlements: accepted events are delivered; failed ones
 * are retried after a backoff (their topic blocked meanwhile, with `preserveTopicOrder`) or, after
 * the last retry, dead-lettered. Bus failures are logged once per episode.
 */
export class DeliverySettler {
	readonly #batching: ResolvedBatching;
	readonly #accounting: EventAccounting;
	readonly #metrics: PublisherMetrics;
	readonly #gate: TopicGate;
	readonly #retries: RetryScheduler;
	readonly #busFailures;
	/** Set by `giveUp`: every failure is dead-lettered with this error, nothing is retried. */
	#giveUpWith: { error: unknown } | undefined;

	constructor(
		batching: ResolvedBatching,
		parts: { accounting: EventAccounting; metrics: PublisherMetrics; log: LogFn },
		gate: TopicGate,
		retries: RetryScheduler,
	) {
		this.#batching = batching;
		this.#accounting = parts.accounting;
		this.#metrics = parts.metrics;
		this.#gate = gate;
		this.#retries = retries;
		this.#busFailures = createEpisode(
			parts.log,
			'warn',
			'integrations bus publish failing; retrying',
		);
	}

	/** From now on failures are dead-lettered with `error` instead of retried. */
	giveUp(error: unknown): void {
		this.#giveUpWith = { error };
	}

	settle(group: PublishGroup, failure: DeliveryFailure | null): void {
		if (failure === null) this.#deliver(group, group.events);
		else if (failure.indexes === undefined) this.#failed(group, () => failure.error);
		else this.#partlyFailed(group, failure.indexes, failure.errors ?? []);
	}

	/** Dead-letters a validated group that gets no (further) bus attempt. */
	deadLetter(group: PublishGroup, error: unknown): void {
		group.events.forEach((event, k) => {
			this.#accounting.deadLettered(event, group.envelopes[k], error, group.attempt);
		});
	}

	#deliver(group: PublishGroup, events: readonly PendingEvent[]): void {
		if (events.length === 0) return;
		const unblock = group.attempt > 0 && this.#batching.preserveTopicOrder;
		let oldest = Number.POSITIVE_INFINITY;
		for (const event of events) {
			this.#accounting.delivered(event);
			if (unblock) this.#gate.unblock(event);
			if (event.offeredAt < oldest) oldest = event.offeredAt;
		}
		if (this.#metrics.enabled)
			this.#metrics.recordDeliveryLatency((performance.now() - oldest) / 1000);
		this.#accounting.busRecovered();
		this.#busFailures.end();
	}

	/** `indexes` ascending; `errors[k]` belongs to `indexes[k]`. */
	#partlyFailed(group: PublishGroup, indexes: readonly number[], errors: readonly unknown[]): void {
		const failed: PublishGroup = { events: [], envelopes: [], attempt: group.attempt };
		const delivered: PendingEvent[] = [];
		let next = 0;
		group.events.forEach((event, i) => {
			if (indexes[next] !== i) {
				delivered.push(event);
				return;
			}
			next++;
			failed.events.push(event);
			failed.envelopes.push(group.envelopes[i] as IntegrationsEnvelope);
		});
		this.#deliver(group, delivered);
		this.#failed(failed, (k) => errors[k]);
	}

	/** `failed`: events of a bus call that failed; `errorOf(k)`: the error of the k-th one. */
	#failed(failed: PublishGroup, errorOf: (k: number) => unknown): void {
		const attempts = failed.attempt + 1;
		const preserve = this.#batching.preserveTopicOrder;
		if (this.#giveUpWith !== undefined || attempts > this.#batching.retry.maxRetries) {
			const forced = this.#giveUpWith;
			failed.events.forEach((event, k) => {
				const error = forced ? forced.error : errorOf(k);
				this.#accounting.deadLettered(event, failed.envelopes[k], error, attempts);
				if (preserve && failed.attempt > 0) this.#gate.unblock(event);
			});
			return;
		}
		this.#busFailures.start({ error: describeError(errorOf(0)), events: failed.events.length });
		if (preserve && failed.attempt === 0)
			for (const event of failed.events) this.#gate.block(event);
		const retry: PublishGroup = { ...failed, attempt: attempts };
		this.#retries.schedule(retry, retryDelayMillis(attempts, this.#batching.retry));
	}
}

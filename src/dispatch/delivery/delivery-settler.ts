import { backoffDelayMillis, describeError } from '../../common/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import type { PublisherMetrics } from '../../telemetry/index.js';
import { createEpisode, type LogFn } from '../../telemetry/index.js';
import type { EventAccounting } from '../accounting/index.js';
import type { ResolvedBatching } from '../options/index.js';
import type { PendingEvent } from '../pending-event.js';
import type { DeliveryFailure } from './bus-delivery.js';
import type { PublishGroup } from './publish-group.js';
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

	/**
	 * `failed`: events of a bus call that failed; `errorOf(k)`: the error of the k-th one. An event is
	 * dead-lettered at once when its retries are spent, when `close()` gave up, or when the bus said
	 * its error is permanent (`retryable: false`, e.g. `ERR_INVALID_ENVELOPE`); the rest are retried.
	 */
	#failed(failed: PublishGroup, errorOf: (k: number) => unknown): void {
		const attempts = failed.attempt + 1;
		const spent = this.#giveUpWith !== undefined || attempts > this.#batching.retry.maxRetries;
		const retry: PublishGroup = { events: [], envelopes: [], attempt: attempts };
		for (let k = 0; k < failed.events.length; k++) {
			const error = this.#giveUpWith ? this.#giveUpWith.error : errorOf(k);
			if (spent || isPermanent(error)) {
				this.#giveUp(failed, k, error, attempts);
				continue;
			}
			retry.events.push(failed.events[k] as PendingEvent);
			retry.envelopes.push(failed.envelopes[k] as IntegrationsEnvelope);
		}
		if (retry.events.length === 0) return;
		this.#busFailures.start({ error: describeError(errorOf(0)), events: retry.events.length });
		if (this.#batching.preserveTopicOrder && failed.attempt === 0)
			for (const event of retry.events) this.#gate.block(event);
		this.#retries.schedule(retry, backoffDelayMillis(attempts, this.#batching.retry));
	}

	#giveUp(failed: PublishGroup, k: number, error: unknown, attempts: number): void {
		const event = failed.events[k] as PendingEvent;
		this.#accounting.deadLettered(event, failed.envelopes[k], error, attempts);
		if (this.#batching.preserveTopicOrder && failed.attempt > 0) this.#gate.unblock(event);
	}
}

/** True when the bus marked the error as one that retrying cannot fix. */
function isPermanent(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { retryable?: unknown }).retryable === false
	);
}

import type { DropReason } from '../options/index.js';
import { PRIORITIES, TOPIC_SLOTS } from '../pending-event.js';

/** Drop reasons by index. */
export const DROP_REASONS: readonly DropReason[] = Object.freeze([
	'queue_full',
	'displaced',
	'rejected',
]);
export const DROP_QUEUE_FULL = 0;
export const DROP_DISPLACED = 1;
export const DROP_REJECTED = 2;

/**
 * The publisher's live counters, split by the low-cardinality attributes the metrics report.
 * Plain typed arrays: counting an event is one increment, reading them costs nothing on the hot path.
 */
export interface PublisherCounters {
	/** By `topic * 3 + priority`. */
	readonly offered: Float64Array;
	/** By topic. */
	readonly delivered: Float64Array;
	/** By topic. */
	readonly invalid: Float64Array;
	/** By `topic * 3 + reason`. */
	readonly dropped: Float64Array;
	/** Bus re-sends, by topic. */
	readonly retried: Float64Array;
	/** By topic. */
	readonly deadLettered: Float64Array;
}

/** A snapshot of the publisher's counters. After `flush()` / `close()`:
 * `offered = delivered + invalid + dropped + deadLettered` and `pending = 0`. */
export interface PublisherStats {
	/** Events passed to `emit` / `emitRaw` (and the shorthands) and not refused for misuse. */
	readonly offered: number;
	/** Events accepted by the bus. */
	readonly delivered: number;
	/** Events that failed validation. */
	readonly invalid: number;
	/** Events dropped by the overflow policy. */
	readonly dropped: number;
	/** Events given up after the last retry or at close timeout. */
	readonly deadLettered: number;
	/** Bus re-sends of events (an event retried twice counts 2). */
	readonly retried: number;
	/** Events offered and not settled yet. */
	readonly pending: number;
}

export function createPublisherCounters(): PublisherCounters {
	const reasons = DROP_REASONS.length;
	return {
		offered: new Float64Array(TOPIC_SLOTS * PRIORITIES.length),
		delivered: new Float64Array(TOPIC_SLOTS),
		invalid: new Float64Array(TOPIC_SLOTS),
		dropped: new Float64Array(TOPIC_SLOTS * reasons),
		retried: new Float64Array(TOPIC_SLOTS),
		deadLettered: new Float64Array(TOPIC_SLOTS),
	};
}

function total(values: Float64Array): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i] as number;
	return sum;
}

export function snapshotStats(counters: PublisherCounters): PublisherStats {
	const offered = total(counters.offered);
	const delivered = total(counters.delivered);
	const invalid = total(counters.invalid);
	const dropped = total(counters.dropped);
	const deadLettered = total(counters.deadLettered);
	const pending = offered - delivered - invalid - dropped - deadLettered;
	return {
		offered,
		delivered,
		invalid,
		dropped,
		deadLettered,
		retried: total(counters.retried),
		pending,
	};
}

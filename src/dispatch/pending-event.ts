import type { SpanContext } from '@opentelemetry/api';
import { INTEGRATIONS_TOPIC_LIST } from '../events/index.js';
import type { EventPriority } from './options/index.js';

/** Priorities by index: 0 = high, 1 = normal, 2 = low. */
export const PRIORITIES: readonly EventPriority[] = Object.freeze(['high', 'normal', 'low']);
export const PRIORITY_HIGH = 0;
export const PRIORITY_NORMAL = 1;
export const PRIORITY_LOW = 2;

/** Topic slots: the four topics in {@link INTEGRATIONS_TOPIC_LIST} order, then `unknown`. */
export const TOPIC_SLOT_NAMES: readonly string[] = Object.freeze([
	...INTEGRATIONS_TOPIC_LIST,
	'unknown',
]);
export const UNKNOWN_TOPIC_INDEX = INTEGRATIONS_TOPIC_LIST.length;
export const TOPIC_SLOTS = UNKNOWN_TOPIC_INDEX + 1;

const TOPIC_INDEX = new Map<unknown, number>(INTEGRATIONS_TOPIC_LIST.map((topic, i) => [topic, i]));
const PRIORITY_INDEX = new Map<unknown, number>(PRIORITIES.map((priority, i) => [priority, i]));

/** The slot of a topic; {@link UNKNOWN_TOPIC_INDEX} for anything that is not a topic. */
export function topicIndexOf(topic: unknown): number {
	return TOPIC_INDEX.get(topic) ?? UNKNOWN_TOPIC_INDEX;
}

/** The index of a priority, or -1 when it is not one. */
export function priorityIndexOf(priority: unknown): number {
	return PRIORITY_INDEX.get(priority) ?? -1;
}

/**
 * One event on its way through the publisher, as offered. Created once by `emit` and never
 * mutated: validation results and envelopes travel beside it (in batch arrays), so an event that
 * waited long enough to be promoted to the old GC generation never points at young objects.
 */
export interface PendingEvent {
	/** The topic as the caller gave it (reported back for unknown topics). */
	readonly topic: string;
	readonly topicIndex: number;
	readonly priority: number;
	/**
	 * The event as taken during the `emit` call, never the caller's object once queued: from `emit`,
	 * the valid payload's fresh, stripped copy (the caller's object only while sync mode validates
	 * it, or when it is reported invalid at the call); from `emitRaw`, the body (in batching mode a
	 * string as given, or bytes copied at the call: a `CapturedBody`, released when it settles).
	 */
	readonly input: unknown;
	readonly raw: boolean;
	/** `performance.now()` when offered. */
	readonly offeredAt: number;
	/** The span active when offered, if any. */
	readonly spanContext: SpanContext | undefined;
	/** The `flush()` epoch the event belongs to. */
	readonly epoch: number;
}

export function createPendingEvent(
	topic: string,
	topicIndex: number,
	priority: number,
	input: unknown,
	raw: boolean,
	spanContext: SpanContext | undefined,
	epoch: number,
	offeredAt: number = performance.now(),
): PendingEvent {
	return {
		topic,
		topicIndex,
		priority,
		input,
		raw,
		offeredAt,
		spanContext,
		epoch,
	};
}

import type { SpanContext } from '@opentelemetry/api';
import {
	createPendingEvent,
	type PendingEvent,
	TOPIC_SLOT_NAMES,
	UNKNOWN_TOPIC_INDEX,
} from './pending-event.js';

/** Per event in the number column: the offer time and the flush epoch. */
const NUMBERS_PER_EVENT = 2;
/** The flags byte: the topic slot in the low bits, then the raw-body bit. */
const TOPIC_MASK = 0b111;
const RAW_FLAG = 0b1000;

/**
 * A fixed-size block of queued events, stored as columns: the payload references in one plain
 * array, numbers and flags in typed arrays (outside the JS heap), the topic string (unknown topics
 * only) and the span context (only while tracing) in arrays created on first use. A queued event
 * is no object of its own, and a chunk never grows: nothing it holds is ever copied.
 */
export class ColumnChunk {
	/** Events the chunk holds. */
	readonly capacity: number;
	readonly #inputs: unknown[];
	readonly #numbers: Float64Array;
	readonly #flags: Uint8Array;
	#topics: unknown[] | undefined;
	#spans: (SpanContext | undefined)[] | undefined;

	constructor(capacity: number) {
		this.capacity = capacity;
		this.#inputs = new Array(capacity);
		this.#numbers = new Float64Array(capacity * NUMBERS_PER_EVENT);
		this.#flags = new Uint8Array(capacity);
	}

	/** Stores an offered event in slot `i`. */
	write(
		i: number,
		topic: string,
		topicIndex: number,
		input: unknown,
		raw: boolean,
		spanContext: SpanContext | undefined,
		epoch: number,
		offeredAt: number,
	): void {
		this.#inputs[i] = input;
		this.#numbers[i * NUMBERS_PER_EVENT] = offeredAt;
		this.#numbers[i * NUMBERS_PER_EVENT + 1] = epoch;
		this.#flags[i] = raw ? topicIndex | RAW_FLAG : topicIndex;
		if (topicIndex === UNKNOWN_TOPIC_INDEX) {
			this.#topics ??= new Array(this.capacity);
			this.#topics[i] = topic;
		}
		if (spanContext !== undefined) {
			this.#spans ??= new Array(this.capacity);
			this.#spans[i] = spanContext;
		}
	}

	/** Reads slot `i` as an event of `priority` and clears its references. */
	take(i: number, priority: number): PendingEvent {
		const flags = this.#flags[i] as number;
		const topicIndex = flags & TOPIC_MASK;
		const input = this.#inputs[i];
		this.#inputs[i] = undefined;
		return createPendingEvent(
			this.#takeTopic(i, topicIndex),
			topicIndex,
			priority,
			input,
			(flags & RAW_FLAG) !== 0,
			this.#takeSpan(i),
			this.#numbers[i * NUMBERS_PER_EVENT + 1] as number,
			this.#numbers[i * NUMBERS_PER_EVENT] as number,
		);
	}

	#takeTopic(i: number, topicIndex: number): string {
		if (topicIndex !== UNKNOWN_TOPIC_INDEX) return TOPIC_SLOT_NAMES[topicIndex] as string;
		const topics = this.#topics as unknown[];
		const topic = topics[i] as string;
		topics[i] = undefined;
		return topic;
	}

	#takeSpan(i: number): SpanContext | undefined {
		const spans = this.#spans;
		if (spans === undefined) return undefined;
		const span = spans[i];
		spans[i] = undefined;
		return span;
	}
}

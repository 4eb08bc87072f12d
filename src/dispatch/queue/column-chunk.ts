import type { SpanContext } from '@opentelemetry/api';
import {
	createPendingEvent,
	type PendingEvent,
	TOPIC_SLOT_NAMES,
	UNKNOWN_TOPIC_INDEX,
} from '../pending-event.js';
import { CapturedBody, type Slab } from './body-arena.js';

/**
 * Per event in the number column: the offer time, the flush epoch, and where a captured raw body
 * lies in its slab (`start * 2^32 + length`; its slab is the event's input).
 */
const NUMBERS_PER_EVENT = 3;
const RANGE_SCALE = 2 ** 32;
/** The flags byte: the topic slot in the low bits, the raw-body bit, the captured-body bit. */
const TOPIC_MASK = 0b111;
const RAW_FLAG = 0b1000;
const CAPTURED_FLAG = 0b1_0000;

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
		this.#numbers[i * NUMBERS_PER_EVENT] = offeredAt;
		this.#numbers[i * NUMBERS_PER_EVENT + 1] = epoch;
		this.#flags[i] = raw ? topicIndex | RAW_FLAG : topicIndex;
		if (input instanceof CapturedBody) {
			// No object per queued body: its slab and its place (a queue of 200k bodies would keep
			// 200k small objects alive, which every young-generation GC has to copy).
			this.#inputs[i] = input.slab;
			this.#numbers[i * NUMBERS_PER_EVENT + 2] = input.start * RANGE_SCALE + input.byteLength;
			this.#flags[i] |= CAPTURED_FLAG;
		} else this.#inputs[i] = input;
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
		let input = this.#inputs[i];
		this.#inputs[i] = undefined;
		if ((flags & CAPTURED_FLAG) !== 0) input = this.#capturedBody(i, input as Slab);
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

	#capturedBody(i: number, slab: Slab): CapturedBody {
		const range = this.#numbers[i * NUMBERS_PER_EVENT + 2] as number;
		const start = Math.floor(range / RANGE_SCALE);
		return new CapturedBody(slab, start, start + (range % RANGE_SCALE));
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

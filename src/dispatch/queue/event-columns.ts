import type { SpanContext } from '@opentelemetry/api';
import type { PendingEvent } from '../pending-event.js';
import { ColumnChunk } from './column-chunk.js';
import { offerTime } from './offer-clock.js';
import { RingQueue } from './ring-queue.js';

/** Capacity of the first chunk of a lane. */
const MIN_CHUNK_EVENTS = 256;
/**
 * Capacity cap: a 16,384-slot reference array (128 KB with 8-byte pointers, as in Node) is a V8
 * "large object", which a young-generation collection promotes by flagging its pages instead of
 * copying it.
 */
const MAX_CHUNK_EVENTS = 16_384;

/**
 * The queued events of one priority: a FIFO of {@link ColumnChunk}s, each new chunk as large as
 * the lane already is (between 256 and 16,384 events). A queued event costs no object of its own,
 * and the lane grows by adding a chunk, never by copying what it holds. A first burst of 200k
 * events thus leaves the garbage collector about 1.6 MB to keep (one pointer per event), mostly
 * in large chunks promoted without copying; doubling arrays left it about 12 MB, enough to make
 * V8 grow its young generation (a one-time pause of about 10 ms) in the middle of the drain, and
 * copied every queued event in one synchronous step at each doubling. Emptied chunks are kept for
 * reuse (like the ring this replaces, a lane never shrinks below its high-water size, which
 * `maxQueueSize` bounds), so a steady flow or a repeated burst allocates no storage at all.
 * Events become {@link PendingEvent} objects only when they leave the queue.
 */
export class EventColumns {
	readonly #priority: number;
	readonly #chunks = new RingQueue<ColumnChunk>();
	readonly #spare: ColumnChunk[] = [];
	/** The oldest event's slot in the first chunk. */
	#head = 0;
	/** The next free slot of the last chunk. */
	#tail = 0;
	#length = 0;

	constructor(priority: number) {
		this.#priority = priority;
	}

	get length(): number {
		return this.#length;
	}

	push(
		topic: string,
		topicIndex: number,
		input: unknown,
		raw: boolean,
		spanContext: SpanContext | undefined,
		epoch: number,
	): void {
		let chunk = this.#chunks.last();
		if (chunk === undefined || this.#tail === chunk.capacity) chunk = this.#addChunk();
		chunk.write(this.#tail++, topic, topicIndex, input, raw, spanContext, epoch, offerTime());
		this.#length++;
	}

	/** Removes the oldest event. */
	shift(): PendingEvent | undefined {
		const chunk = this.#chunks.peek();
		if (chunk === undefined) return undefined;
		const event = chunk.take(this.#head++, this.#priority);
		if (--this.#length === 0) this.#clear();
		else if (this.#head === chunk.capacity) {
			this.#spare.push(this.#chunks.shift() as ColumnChunk);
			this.#head = 0;
		}
		return event;
	}

	/** Removes the newest event. */
	pop(): PendingEvent | undefined {
		const chunk = this.#chunks.last();
		if (chunk === undefined) return undefined;
		const event = chunk.take(--this.#tail, this.#priority);
		if (--this.#length === 0) this.#clear();
		else if (this.#tail === 0) {
			this.#spare.push(this.#chunks.pop() as ColumnChunk);
			this.#tail = (this.#chunks.last() as ColumnChunk).capacity;
		}
		return event;
	}

	#addChunk(): ColumnChunk {
		const capacity = Math.min(MAX_CHUNK_EVENTS, Math.max(MIN_CHUNK_EVENTS, this.#length));
		const chunk = this.#spare.pop() ?? new ColumnChunk(capacity);
		this.#chunks.push(chunk);
		this.#tail = 0;
		return chunk;
	}

	/** The lane is empty: its one chunk becomes a spare. */
	#clear(): void {
		this.#spare.push(this.#chunks.pop() as ColumnChunk);
		this.#head = 0;
		this.#tail = 0;
	}
}

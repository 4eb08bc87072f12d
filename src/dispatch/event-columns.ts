import type { SpanContext } from '@opentelemetry/api';
import { offerTime } from './offer-clock.js';
import { createPendingEvent, type PendingEvent } from './pending-event.js';

/**
 * The queued events of one priority, as columns in a growable ring: a queued event costs no
 * object of its own (numbers in typed arrays, references in plain arrays), so a long queue adds
 * almost nothing for the garbage collector to copy. Events become {@link PendingEvent} objects
 * only when they leave the queue.
 */
export class EventColumns {
	readonly #priority: number;
	#mask: number;
	#head = 0;
	#length = 0;
	#topicIndex: Uint8Array;
	#raw: Uint8Array;
	#offeredAt: Float64Array;
	#epoch: Float64Array;
	#topic: (string | undefined)[];
	#input: unknown[];
	#span: (SpanContext | undefined)[];

	constructor(priority: number, initialCapacity = 64) {
		this.#priority = priority;
		this.#mask = initialCapacity - 1;
		this.#topicIndex = new Uint8Array(initialCapacity);
		this.#raw = new Uint8Array(initialCapacity);
		this.#offeredAt = new Float64Array(initialCapacity);
		this.#epoch = new Float64Array(initialCapacity);
		this.#topic = new Array(initialCapacity);
		this.#input = new Array(initialCapacity);
		this.#span = new Array(initialCapacity);
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
		if (this.#length > this.#mask) this.#grow();
		const i = (this.#head + this.#length) & this.#mask;
		this.#topic[i] = topic;
		this.#topicIndex[i] = topicIndex;
		this.#input[i] = input;
		this.#raw[i] = raw ? 1 : 0;
		this.#offeredAt[i] = offerTime();
		this.#span[i] = spanContext;
		this.#epoch[i] = epoch;
		this.#length++;
	}

	/** Removes the oldest event. */
	shift(): PendingEvent | undefined {
		if (this.#length === 0) return undefined;
		const event = this.#take(this.#head);
		this.#head = (this.#head + 1) & this.#mask;
		this.#length--;
		return event;
	}

	/** Removes the newest event. */
	pop(): PendingEvent | undefined {
		if (this.#length === 0) return undefined;
		this.#length--;
		return this.#take((this.#head + this.#length) & this.#mask);
	}

	/** Reads slot `i` as an event and clears its references. */
	#take(i: number): PendingEvent {
		const event = createPendingEvent(
			this.#topic[i] as string,
			this.#topicIndex[i] as number,
			this.#priority,
			this.#input[i],
			this.#raw[i] === 1,
			this.#span[i],
			this.#epoch[i] as number,
			this.#offeredAt[i] as number,
		);
		this.#topic[i] = undefined;
		this.#input[i] = undefined;
		this.#span[i] = undefined;
		return event;
	}

	#grow(): void {
		const capacity = (this.#mask + 1) * 2;
		const order = (i: number) => (this.#head + i) & this.#mask;
		const n = this.#length;
		const numbers = <T extends Uint8Array | Float64Array>(old: T, next: T): T => {
			for (let i = 0; i < n; i++) next[i] = old[order(i)] as number;
			return next;
		};
		const refs = <T>(old: T[]): T[] => {
			const next = new Array<T>(capacity);
			for (let i = 0; i < n; i++) next[i] = old[order(i)] as T;
			return next;
		};
		this.#topicIndex = numbers(this.#topicIndex, new Uint8Array(capacity));
		this.#raw = numbers(this.#raw, new Uint8Array(capacity));
		this.#offeredAt = numbers(this.#offeredAt, new Float64Array(capacity));
		this.#epoch = numbers(this.#epoch, new Float64Array(capacity));
		this.#topic = refs(this.#topic);
		this.#input = refs(this.#input);
		this.#span = refs(this.#span);
		this.#head = 0;
		this.#mask = capacity - 1;
	}
}

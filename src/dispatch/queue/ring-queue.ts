/**
 * A FIFO on a growable circular buffer: O(1) `push`, `shift` and `pop` without `Array#shift`.
 * The buffer doubles when full and never shrinks below its high-water size.
 */
export class RingQueue<T> {
	#buffer: (T | undefined)[];
	#mask: number;
	#head = 0;
	#length = 0;

	constructor(initialCapacity = 16) {
		let capacity = 2;
		while (capacity < initialCapacity) capacity *= 2;
		this.#buffer = new Array<T | undefined>(capacity);
		this.#mask = capacity - 1;
	}

	get length(): number {
		return this.#length;
	}

	push(value: T): void {
		if (this.#length > this.#mask) this.#grow();
		this.#buffer[(this.#head + this.#length) & this.#mask] = value;
		this.#length++;
	}

	/** Removes and returns the oldest value. */
	shift(): T | undefined {
		if (this.#length === 0) return undefined;
		const value = this.#buffer[this.#head];
		this.#buffer[this.#head] = undefined;
		this.#head = (this.#head + 1) & this.#mask;
		this.#length--;
		return value;
	}

	/** Removes and returns the newest value. */
	pop(): T | undefined {
		if (this.#length === 0) return undefined;
		this.#length--;
		const index = (this.#head + this.#length) & this.#mask;
		const value = this.#buffer[index];
		this.#buffer[index] = undefined;
		return value;
	}

	/** The oldest value, left in place. */
	peek(): T | undefined {
		return this.#length === 0 ? undefined : this.#buffer[this.#head];
	}

	/** The newest value, left in place. */
	last(): T | undefined {
		if (this.#length === 0) return undefined;
		return this.#buffer[(this.#head + this.#length - 1) & this.#mask];
	}

	/** Removes every value, oldest first, into `target`. */
	drainInto(target: T[]): void {
		while (this.#length > 0) target.push(this.shift() as T);
	}

	#grow(): void {
		const old = this.#buffer;
		const capacity = old.length * 2;
		const next = new Array<T | undefined>(capacity);
		for (let i = 0; i < this.#length; i++) next[i] = old[(this.#head + i) & this.#mask];
		this.#buffer = next;
		this.#mask = capacity - 1;
		this.#head = 0;
	}
}

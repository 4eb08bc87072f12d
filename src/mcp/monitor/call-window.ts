/** Counts and latencies of the calls inside a time range. */
export interface WindowSummary {
	readonly count: number;
	readonly errorCount: number;
	/** Latencies in milliseconds, ascending. */
	readonly sortedDurationsMillis: Float64Array;
}

const INITIAL_CAPACITY = 16;

/**
 * A bounded ring of the most recent calls of one integration (time, latency, success), stored in
 * typed arrays that grow by doubling up to `maxCalls`; beyond it the oldest call is overwritten.
 */
export class CallWindow {
	readonly #maxCalls: number;
	#times: Float64Array;
	#durations: Float64Array;
	#ok: Uint8Array;
	#head = 0;
	#size = 0;

	constructor(maxCalls: number) {
		this.#maxCalls = maxCalls;
		const initial = Math.min(INITIAL_CAPACITY, maxCalls);
		this.#times = new Float64Array(initial);
		this.#durations = new Float64Array(initial);
		this.#ok = new Uint8Array(initial);
	}

	get size(): number {
		return this.#size;
	}

	/** Records one call: when it ended (epoch ms), how long it took (ms) and whether it succeeded. */
	record(atMillis: number, durationMillis: number, ok: boolean): void {
		if (this.#size === this.#times.length && this.#size < this.#maxCalls) this.#grow();
		const capacity = this.#times.length;
		const slot = (this.#head + this.#size) % capacity;
		this.#times[slot] = atMillis;
		this.#durations[slot] = durationMillis;
		this.#ok[slot] = ok ? 1 : 0;
		if (this.#size < capacity) this.#size++;
		else this.#head = (this.#head + 1) % capacity;
	}

	/** Summarizes the calls that ended within `[fromMillis, toMillis]`. */
	summarize(fromMillis: number, toMillis: number): WindowSummary {
		const capacity = this.#times.length;
		const durations = new Float64Array(this.#size);
		let count = 0;
		let errorCount = 0;
		for (let i = 0; i < this.#size; i++) {
			const slot = (this.#head + i) % capacity;
			const at = this.#times[slot] as number;
			if (at < fromMillis || at > toMillis) continue;
			durations[count++] = this.#durations[slot] as number;
			if (this.#ok[slot] === 0) errorCount++;
		}
		const sorted = durations.subarray(0, count).sort();
		return { count, errorCount, sortedDurationsMillis: sorted };
	}

	#grow(): void {
		const capacity = Math.min(this.#maxCalls, this.#times.length * 2);
		const order = (array: Float64Array | Uint8Array, target: Float64Array | Uint8Array) => {
			for (let i = 0; i < this.#size; i++)
				target[i] = array[(this.#head + i) % array.length] as number;
			return target;
		};
		this.#times = order(this.#times, new Float64Array(capacity)) as Float64Array;
		this.#durations = order(this.#durations, new Float64Array(capacity)) as Float64Array;
		this.#ok = order(this.#ok, new Uint8Array(capacity)) as Uint8Array;
		this.#head = 0;
	}
}

/** Nearest-rank percentile of ascending values (`q` in 0..1); `null` when empty. */
export function percentile(sorted: Float64Array, q: number): number | null {
	if (sorted.length === 0) return null;
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1] as number;
}

import type { KeepAlive } from './keep-alive.js';

interface EpochCount {
	readonly epoch: number;
	count: number;
}

interface Waiter {
	readonly epoch: number;
	readonly resolve: () => void;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * Knows when everything offered before a `flush()` is settled, even while new events keep coming
 * and settle out of order (priorities, retries). Each event is stamped with the current epoch;
 * `barrier()` closes the epoch and resolves once every event of it and of older epochs is settled.
 *
 * It also holds `keepAlive` while any event is unsettled (queued, validating, in a bus call or
 * awaiting a retry): a pending `flush()` or `ready()` always has unsettled events behind it, so a
 * script that awaits one is kept alive until it settles, and so is one that just emits and ends.
 * Once every event is settled the hold is released and an idle publisher lets the process exit.
 */
export class SettleTracker {
	readonly #keepAlive: Pick<KeepAlive, 'hold' | 'release'> | undefined;
	#epoch = 0;
	#current = 0;
	#unsettled = 0;
	/** Closed epochs that still have unsettled events, oldest first. */
	#closed: EpochCount[] = [];
	#waiters: Waiter[] = [];

	/** `keepAlive` is held while any event is unsettled (none: the process is never held). */
	constructor(keepAlive?: Pick<KeepAlive, 'hold' | 'release'>) {
		this.#keepAlive = keepAlive;
	}

	/** Counts a new event; returns the epoch to stamp it with. */
	offer(): number {
		this.#current++;
		if (this.#unsettled++ === 0) this.#keepAlive?.hold();
		return this.#epoch;
	}

	/** Settles one event of `epoch`. */
	settle(epoch: number): void {
		if (epoch === this.#epoch) {
			this.#current--;
			this.#settledOne();
			return;
		}
		const entry = this.#closed.find((candidate) => candidate.epoch === epoch);
		if (entry === undefined) return;
		entry.count--;
		if (entry === this.#closed[0] && entry.count === 0) this.#release();
		this.#settledOne();
	}

	/** Resolves when every event offered so far is settled. */
	barrier(): Promise<void> {
		if (this.#current === 0 && this.#closed.length === 0) return RESOLVED;
		const epoch = this.#epoch;
		if (this.#current > 0) this.#closed.push({ epoch, count: this.#current });
		this.#epoch++;
		this.#current = 0;
		if (this.#closed.length === 0) return RESOLVED;
		return new Promise<void>((resolve) => this.#waiters.push({ epoch, resolve }));
	}

	#settledOne(): void {
		if (--this.#unsettled === 0) this.#keepAlive?.release();
	}

	#release(): void {
		while (this.#closed.length > 0 && (this.#closed[0] as EpochCount).count === 0) {
			this.#closed.shift();
		}
		const settledUpTo =
			this.#closed.length > 0 ? (this.#closed[0] as EpochCount).epoch - 1 : this.#epoch;
		const waiting: Waiter[] = [];
		for (const waiter of this.#waiters) {
			if (waiter.epoch <= settledUpTo) waiter.resolve();
			else waiting.push(waiter);
		}
		this.#waiters = waiting;
	}
}

/**
 * Longest stretch the pipeline works before it yields to I/O (setImmediate): draining a big queue
 * never blocks the event loop for more than about this long plus one batch. 1 ms rather than 2:
 * a scavenge landing in a slice then still leaves the stall near 2 ms (measured: longest stall
 * draining 200k queued events 1.7–2.0 ms against 3.7–4.4 ms), at no cost in throughput.
 */
export const DRAIN_SLICE_MILLIS = 1;

/**
 * Decides when the batching pipeline runs: on a microtask when an event arrives at an idle
 * publisher (it is not held for the window), within the current slice while work keeps
 * completing, after I/O once the slice is spent, and on the window timer. The window timer is
 * unref'd: it can stay armed after the queue has drained, and while events are queued the
 * publisher's keep-alive (`SettleTracker`) holds the process anyway.
 */
export class DrainScheduler {
	readonly #run: () => void;
	readonly #onWindow: () => void;
	readonly #maxDelayMillis: number;
	#microtask = false;
	#immediate: NodeJS.Immediate | undefined;
	#window: NodeJS.Timeout | undefined;
	#sliceStart = Number.NEGATIVE_INFINITY;

	/** `run` drains; `onWindow` is called first when the window timer fires. */
	constructor(run: () => void, onWindow: () => void, maxDelayMillis: number) {
		this.#run = run;
		this.#onWindow = onWindow;
		this.#maxDelayMillis = maxDelayMillis;
	}

	/** Drains on a microtask (after the caller's synchronous code), unless already scheduled. */
	soon(): void {
		if (this.#microtask || this.#immediate !== undefined) return;
		this.#microtask = true;
		queueMicrotask(this.#fromMicrotask);
	}

	/** Drains now if the current slice has time left, otherwise after I/O. */
	continue(): void {
		if (performance.now() - this.#sliceStart < DRAIN_SLICE_MILLIS) this.#run();
		else this.#yield();
	}

	/** Arms the window timer unless it is armed. */
	armWindow(): void {
		if (this.#window !== undefined) return;
		this.#window = setTimeout(this.#fromWindow, this.#maxDelayMillis);
		this.#window.unref();
	}

	cancel(): void {
		clearTimeout(this.#window);
		clearImmediate(this.#immediate);
		this.#window = undefined;
		this.#immediate = undefined;
	}

	#yield(): void {
		if (this.#immediate !== undefined) return;
		this.#immediate = setImmediate(this.#fromImmediate);
	}

	readonly #fromMicrotask = (): void => {
		this.#microtask = false;
		this.#startSlice();
	};

	readonly #fromImmediate = (): void => {
		this.#immediate = undefined;
		this.#startSlice();
	};

	readonly #fromWindow = (): void => {
		this.#window = undefined;
		this.#onWindow();
		this.#startSlice();
	};

	#startSlice(): void {
		this.#sliceStart = performance.now();
		this.#run();
	}
}

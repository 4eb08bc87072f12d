import type { PendingEvent } from '../../pending-event.js';
import type { ValidationResponse } from '../../validation-protocol.js';
import type { WorkerValidator } from './validation-pool.js';

/** How worker batches are sized, independently of the bus batches they gather. */
export interface WorkerBatchLimits {
	/** Bodies per worker call at most (a call's fixed cost is spread over them). */
	readonly maxBatchSize: number;
	/** Body bytes per worker call: a call closes once its bodies reach this many bytes. */
	readonly maxBatchBytes: number;
	/** Worker calls in flight at once (two per thread: one running, one waiting). */
	readonly maxInFlight: number;
}

/** The answer of a worker call, and where the bodies of one `add` call start in it. */
export interface WorkerAnswer {
	/** `undefined` when the workers kept failing: validate those bodies inline. */
	readonly response: ValidationResponse | undefined;
	readonly offset: number;
}

interface Waiter {
	readonly offset: number;
	readonly resolve: (answer: WorkerAnswer) => void;
}

/**
 * Gathers the raw bodies of successive bus batches into worker calls sized for workers: a call
 * goes out when it holds `maxBatchSize` bodies or `maxBatchBytes` bytes, or on the microtask after
 * the pipeline stopped pulling batches. One message each way per call, however many bus batches
 * it serves, so a bus batch of 25 no longer pays a worker round trip of its own.
 */
export class WorkerBatches {
	readonly #workers: WorkerValidator;
	readonly #limits: WorkerBatchLimits;
	#events: PendingEvent[] = [];
	#bytes = 0;
	#waiters: Waiter[] = [];
	#inFlight = 0;
	#scheduled = false;

	constructor(workers: WorkerValidator, limits: WorkerBatchLimits) {
		this.#workers = workers;
		this.#limits = limits;
	}

	/** True while `maxInFlight` calls are out: pulling more batches ahead would only queue them. */
	get saturated(): boolean {
		return this.#inFlight >= this.#limits.maxInFlight;
	}

	/** Adds the bodies of one bus batch (`bytes` in all) to the next worker call. */
	add(events: readonly PendingEvent[], bytes: number): Promise<WorkerAnswer> {
		const offset = this.#events.length;
		for (let i = 0; i < events.length; i++) this.#events.push(events[i] as PendingEvent);
		this.#bytes += bytes;
		const answer = new Promise<WorkerAnswer>((resolve) => this.#waiters.push({ offset, resolve }));
		const limits = this.#limits;
		if (this.#events.length >= limits.maxBatchSize || this.#bytes >= limits.maxBatchBytes) {
			this.#send();
		} else if (!this.#scheduled) {
			this.#scheduled = true;
			queueMicrotask(this.#sendPending);
		}
		return answer;
	}

	readonly #sendPending = (): void => {
		this.#scheduled = false;
		if (this.#events.length > 0) this.#send();
	};

	#send(): void {
		const events = this.#events;
		const waiters = this.#waiters;
		this.#events = [];
		this.#waiters = [];
		this.#bytes = 0;
		this.#inFlight++;
		const answered = (response: ValidationResponse | undefined) => {
			this.#inFlight--;
			for (const { offset, resolve } of waiters) resolve({ response, offset });
		};
		this.#workers.validate(events).then(answered, () => answered(undefined));
	}
}

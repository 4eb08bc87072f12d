import type { BusAdapter, PublishBatchResult } from '../../bus/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import { FlushTimeoutError } from '../publisher-errors.js';

/** What went wrong with one bus call. */
export interface DeliveryFailure {
	/** Failed indexes, ascending; `undefined` when the whole batch failed. */
	readonly indexes: readonly number[] | undefined;
	/** The error of each failed index (same order as `indexes`). */
	readonly errors: readonly unknown[] | undefined;
	/** The batch error, or the first item error. */
	readonly error: unknown;
}

interface Flight {
	readonly startedAt: number;
	settle(outcome: DeliveryFailure | null): void;
}

/**
 * Calls the bus and turns whatever it does (resolve, resolve with failed indexes, reject, throw,
 * hang past `flushTimeoutMillis`) into one outcome; never rejects. One watchdog timer serves every
 * call in flight. It is unref'd: it stays armed after the last call settles, and while a call is in
 * flight its events are unsettled, so the publisher's keep-alive (`SettleTracker`) holds the process.
 */
export class BusDelivery {
	readonly #bus: BusAdapter;
	readonly #timeoutMillis: number;
	readonly #inFlight = new Set<Flight>();
	#watchdog: NodeJS.Timeout | undefined;
	#verdict: NodeJS.Immediate | undefined;

	constructor(bus: BusAdapter, timeoutMillis: number) {
		this.#bus = bus;
		this.#timeoutMillis = timeoutMillis;
	}

	/** Resolves with `null` when every envelope was accepted, else with the failure. */
	send(envelopes: readonly IntegrationsEnvelope[]): Promise<DeliveryFailure | null> {
		return new Promise((resolve) => {
			let done = false;
			const flight: Flight = {
				startedAt: performance.now(),
				settle: (outcome) => {
					if (done) return;
					done = true;
					this.#inFlight.delete(flight);
					resolve(outcome);
				},
			};
			this.#inFlight.add(flight);
			this.#armWatchdog();
			this.#call(envelopes, flight);
		});
	}

	/** Settles every call in flight as failed with `error`; their late results are ignored. */
	abandonAll(error: unknown): void {
		for (const flight of [...this.#inFlight]) flight.settle(wholeFailure(error));
	}

	cancel(): void {
		clearTimeout(this.#watchdog);
		clearImmediate(this.#verdict);
		this.#watchdog = undefined;
		this.#verdict = undefined;
	}

	#call(envelopes: readonly IntegrationsEnvelope[], flight: Flight): void {
		let pending: Promise<PublishBatchResult>;
		try {
			pending = Promise.resolve(this.#bus.publishBatch(envelopes));
		} catch (error) {
			flight.settle(wholeFailure(error));
			return;
		}
		pending.then(
			(result) => flight.settle(readResult(result, envelopes.length)),
			(error: unknown) => flight.settle(wholeFailure(error)),
		);
	}

	#armWatchdog(): void {
		if (this.#watchdog !== undefined || this.#verdict !== undefined) return;
		if (!Number.isFinite(this.#timeoutMillis) || this.#timeoutMillis === 0) return;
		this.#watchdog = setTimeout(this.#onWatchdog, this.#timeoutMillis).unref();
	}

	/**
	 * The watchdog fired; the verdict waits one full turn of the event loop (two `setImmediate`s): the
	 * next timers phase, with a fresh clock, and the next poll for I/O run first. So a call the bus
	 * answered while the event loop was stalled (a long GC, a blocked or descheduled process, even a
	 * stall inside a timer callback that ran just before the watchdog) settles with its answer
	 * instead of failing, and being sent again. The immediates stay ref'd: each lives one turn, and
	 * an unref'd one would wait for the next timer or I/O to run.
	 */
	readonly #onWatchdog = (): void => {
		this.#watchdog = undefined;
		this.#verdict = setImmediate(this.#afterTurn);
	};

	readonly #afterTurn = (): void => {
		this.#verdict = setImmediate(this.#expire);
	};

	readonly #expire = (): void => {
		this.#verdict = undefined;
		const now = performance.now();
		for (const flight of [...this.#inFlight]) {
			if (now - flight.startedAt < this.#timeoutMillis) break;
			flight.settle(wholeFailure(new FlushTimeoutError(this.#timeoutMillis)));
		}
		const oldest = this.#inFlight.values().next().value;
		if (oldest === undefined) return;
		const delay = Math.max(1, oldest.startedAt + this.#timeoutMillis - now);
		this.#watchdog = setTimeout(this.#onWatchdog, delay).unref();
	};
}

export function wholeFailure(error: unknown): DeliveryFailure {
	return { indexes: undefined, errors: undefined, error };
}

/** Reads `{ failed }`: valid, in-range, first-reported indexes only; anything else is success. */
export function readResult(result: PublishBatchResult, size: number): DeliveryFailure | null {
	const failed = (result as { failed?: unknown } | undefined)?.failed;
	if (!Array.isArray(failed) || failed.length === 0) return null;
	const byIndex = new Map<number, unknown>();
	for (const item of failed as { index?: unknown; error?: unknown }[]) {
		const index = item?.index;
		if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < size) {
			if (!byIndex.has(index)) byIndex.set(index, item.error);
		}
	}
	if (byIndex.size === 0) return null;
	const indexes = [...byIndex.keys()].sort((a, b) => a - b);
	const errors = indexes.map((index) => byIndex.get(index));
	return { indexes, errors, error: errors[0] };
}

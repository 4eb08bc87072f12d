import { RingQueue } from '../queue/index.js';
import type { PublishGroup } from './publish-group.js';

interface Waiting {
	readonly group: PublishGroup;
	readonly timer: NodeJS.Timeout;
}

/**
 * Holds failed groups through their backoff, then hands them out in order. The timers are unref'd:
 * a group in backoff is unsettled, so the publisher's keep-alive (`SettleTracker`) holds the process.
 */
export class RetryScheduler {
	readonly #waiting = new Set<Waiting>();
	readonly #ready = new RingQueue<PublishGroup>();
	readonly #onReady: () => void;
	#events = 0;

	constructor(onReady: () => void) {
		this.#onReady = onReady;
	}

	/** Events waiting for a retry (in backoff or due). */
	get eventCount(): number {
		return this.#events;
	}

	schedule(group: PublishGroup, delayMillis: number): void {
		this.#events += group.events.length;
		const waiting: Waiting = {
			group,
			timer: setTimeout(() => this.#due(waiting), delayMillis).unref(),
		};
		this.#waiting.add(waiting);
	}

	/** The next group whose backoff is over, if any. */
	takeReady(): PublishGroup | undefined {
		const group = this.#ready.shift();
		if (group !== undefined) this.#events -= group.events.length;
		return group;
	}

	/** Cancels every backoff and removes every group into `target`. */
	drainInto(target: PublishGroup[]): void {
		for (const waiting of this.#waiting) {
			clearTimeout(waiting.timer);
			target.push(waiting.group);
		}
		this.#waiting.clear();
		this.#ready.drainInto(target);
		this.#events = 0;
	}

	#due(waiting: Waiting): void {
		if (!this.#waiting.delete(waiting)) return;
		this.#ready.push(waiting.group);
		this.#onReady();
	}
}

import { abortableDelay } from './abortable-delay.js';
import type { Deadline } from './deadline.js';
import { RateLimitedError } from './http-errors.js';
import { TokenBucket } from './token-bucket.js';

/** Per-integration request rate (token bucket). */
export interface RateLimitOptions {
	/**
	 * Sustained requests per second, per integration (retries count).
	 * @default 10
	 */
	requestsPerSecond?: number;
	/**
	 * Requests allowed at once after an idle period, per integration.
	 * @default 20
	 */
	burst?: number;
}

export const RATE_LIMIT_DEFAULTS = Object.freeze({ requestsPerSecond: 10, burst: 20 });

/** One token bucket per key (an integration id), created on first use. */
export interface RateLimiter {
	/**
	 * Waits for the key's next request slot. Rejects with `RateLimitedError` (without waiting) when
	 * the slot comes after the deadline, or with the deadline's reason when it aborts meanwhile.
	 */
	acquire(key: string, deadline: Deadline): Promise<void>;
	/** Drops a key's bucket. */
	forget(key: string): void;
}

export function createRateLimiter(
	options: Required<RateLimitOptions>,
	now: () => number,
): RateLimiter {
	const buckets = new Map<string, TokenBucket>();
	const bucketOf = (key: string) => {
		let bucket = buckets.get(key);
		if (!bucket) {
			bucket = new TokenBucket(options.requestsPerSecond, options.burst, now);
			buckets.set(key, bucket);
		}
		return bucket;
	};
	return {
		async acquire(key, deadline) {
			const bucket = bucketOf(key);
			const wait = bucket.reserve();
			if (wait === 0) return;
			if (wait > deadline.remainingMillis()) {
				bucket.refund();
				throw new RateLimitedError(wait);
			}
			try {
				await abortableDelay(wait, deadline.signal);
			} catch (error) {
				bucket.refund();
				throw error;
			}
		},
		forget: (key) => void buckets.delete(key),
	};
}

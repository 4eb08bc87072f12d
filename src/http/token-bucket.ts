/**
 * A token bucket that hands out reservations: `reserve()` always takes a token, possibly driving
 * the balance negative, and returns how long the caller must wait for its turn. Callers are served
 * in reservation order without a queue; `refund()` gives back a reservation that will not be used.
 */
export class TokenBucket {
	readonly #ratePerMilli: number;
	readonly #burst: number;
	readonly #now: () => number;
	#tokens: number;
	#updatedAt: number;

	/**
	 * @param requestsPerSecond - refill rate
	 * @param burst - bucket capacity (requests allowed at once after idling)
	 * @param now - monotonic clock in milliseconds
	 */
	constructor(requestsPerSecond: number, burst: number, now: () => number) {
		this.#ratePerMilli = requestsPerSecond / 1000;
		this.#burst = burst;
		this.#now = now;
		this.#tokens = burst;
		this.#updatedAt = now();
	}

	/** Milliseconds until the next reservation would be served (0 when a token is available). */
	peekWaitMillis(): number {
		this.#refill();
		return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#ratePerMilli);
	}

	/** Takes one token and returns the wait, in milliseconds, before it may be used. */
	reserve(): number {
		const wait = this.peekWaitMillis();
		this.#tokens -= 1;
		return wait;
	}

	/** Returns an unused reservation. */
	refund(): void {
		this.#refill();
		this.#tokens = Math.min(this.#burst, this.#tokens + 1);
	}

	#refill(): void {
		const now = this.#now();
		const elapsed = now - this.#updatedAt;
		if (elapsed <= 0) return;
		this.#updatedAt = now;
		this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#ratePerMilli);
	}
}

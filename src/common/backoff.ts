/** The bounds of an exponential backoff, in milliseconds. */
export interface BackoffBounds {
	/** The delay before the first retry, before jitter. */
	readonly initialDelayMillis: number;
	/** The cap of any delay, before jitter. */
	readonly maxDelayMillis: number;
}

/**
 * Delay before retry number `retry` (1-based): exponential from `initialDelayMillis`, capped at
 * `maxDelayMillis`, with equal jitter (between half and all of it) so that the retries of many
 * callers do not synchronise. Fractional: a caller that needs whole milliseconds rounds.
 */
export function backoffDelayMillis(
	retry: number,
	bounds: BackoffBounds,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(bounds.maxDelayMillis, bounds.initialDelayMillis * 2 ** (retry - 1));
	return ceiling / 2 + (random() * ceiling) / 2;
}

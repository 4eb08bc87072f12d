/** Retry settings with every default applied. */
export interface RetryPolicy {
	readonly maxRetries: number;
	readonly initialDelayMillis: number;
	readonly maxDelayMillis: number;
}

/**
 * Delay before retry number `retry` (1-based): exponential from `initialDelayMillis`, capped at
 * `maxDelayMillis`, with equal jitter (between half and all of it) so that retries of many
 * publishers do not synchronise.
 */
export function retryDelayMillis(
	retry: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMillis, policy.initialDelayMillis * 2 ** (retry - 1));
	return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * The publisher's retry settings with every default applied; the delay before each retry is
 * `backoffDelayMillis(retry, policy)` (src/common/backoff.ts).
 */
export interface RetryPolicy {
	readonly maxRetries: number;
	readonly initialDelayMillis: number;
	readonly maxDelayMillis: number;
}

/** HTTP methods this library sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Retries of one call. */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = no retry). */
	readonly maxRetries: number;
	/**
	 * Base backoff in milliseconds: retry n waits between half and all of `backoffMillis * 2^(n-1)`
	 * (capped), in whole milliseconds (`backoffDelayMillis`, src/common/backoff.ts, rounded).
	 */
	readonly backoffMillis: number;
}

/** Idempotent methods (RFC 9110 §9.2.2): only these are ever retried. */
const RETRY_SAFE_METHODS: ReadonlySet<string> = new Set([
	'GET',
	'HEAD',
	'OPTIONS',
	'PUT',
	'DELETE',
]);

/** Statuses worth another attempt: timeouts, throttling and transient upstream failures. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Connection-level failures worth another attempt. */
const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CLOSED',
]);

export function isRetrySafeMethod(method: string): boolean {
	return RETRY_SAFE_METHODS.has(method);
}

export function isRetryableStatus(statusCode: number): boolean {
	return RETRYABLE_STATUSES.has(statusCode);
}

export function isRetryableErrorCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_ERROR_CODES.has(code);
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `nowMillis` (epoch).
 * Returns `undefined` when absent or unparsable; never negative.
 */
export function parseRetryAfterMillis(
	value: string | string[] | undefined,
	nowMillis: number,
): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (text === undefined || text.trim() === '') return undefined;
	const trimmed = text.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMillis);
}

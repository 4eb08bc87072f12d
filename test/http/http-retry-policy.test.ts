import { describe, expect, it } from 'vitest';
import {
	isRetryableErrorCode,
	isRetryableStatus,
	isRetrySafeMethod,
	parseRetryAfterMillis,
} from '../../src/http/http-retry-policy.js';

describe('HTTP retry policy', () => {
	it('retries only idempotent methods', () => {
		expect(['GET', 'PUT', 'DELETE'].map(isRetrySafeMethod)).toEqual([true, true, true]);
		expect(['POST', 'PATCH'].map(isRetrySafeMethod)).toEqual([false, false]);
	});

	it('treats throttling, timeouts and transient 5xx as retryable, not client errors', () => {
		expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 404, 409, 501].some(isRetryableStatus)).toBe(false);
		expect(isRetryableErrorCode('ECONNRESET')).toBe(true);
		expect(isRetryableErrorCode('ERR_ENDPOINT_DENIED')).toBe(false);
		expect(isRetryableErrorCode(undefined)).toBe(false);
	});

	it('parses Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfterMillis('3', now)).toBe(3000);
		expect(parseRetryAfterMillis('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfterMillis('Wed, 31 Dec 2025 00:00:05 GMT', now)).toBe(0);
		expect(parseRetryAfterMillis('soon', now)).toBeUndefined();
		expect(parseRetryAfterMillis(undefined, now)).toBeUndefined();
	});
});

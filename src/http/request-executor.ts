import type { Dispatcher } from 'undici';
import { backoffDelayMillis } from '../common/index.js';
import type { HttpMetrics } from '../telemetry/index.js';
import { abortableDelay } from './abortable-delay.js';
import type { Deadline } from './deadline.js';
import { EndpointDeniedError, HttpRequestFailedError } from './http-errors.js';
import {
	isRetryableErrorCode,
	isRetryableStatus,
	isRetrySafeMethod,
	parseRetryAfterMillis,
	type RetryPolicy,
} from './http-retry-policy.js';
import type { RateLimiter } from './rate-limiter.js';
import { type HttpRequestPlan, type HttpResponseSnapshot, sendRequest } from './send-request.js';

/** Shared collaborators of every execution. */
export interface RequestExecutorDeps {
	readonly rateLimiter: RateLimiter;
	readonly metrics: HttpMetrics;
	readonly maxResponseBytes: number;
	readonly maxBackoffMillis: number;
	/** A `Retry-After` longer than this ends the retries and the throttled response is returned. */
	readonly maxRetryAfterMillis: number;
	readonly random: () => number;
	/** Monotonic clock in milliseconds (durations). */
	readonly monotonicNow: () => number;
	/** Wall clock in epoch milliseconds (HTTP-date `Retry-After`). */
	readonly wallNow: () => number;
}

/** One logical call: its plan, pool, rate-limit key, retry policy and deadline. */
export interface ExecutionRequest {
	readonly plan: HttpRequestPlan;
	readonly dispatcher: Dispatcher;
	readonly rateLimitKey: string;
	readonly retryPolicy: RetryPolicy;
	readonly deadline: Deadline;
	/** Called before each attempt is sent (1-based), e.g. to report progress. */
	readonly onAttempt?: (attempt: number, maxAttempts: number) => void;
}

export interface ExecutionOutcome {
	readonly response: HttpResponseSnapshot;
	readonly attempts: number;
}

type AttemptResult =
	| { readonly response: HttpResponseSnapshot; readonly error?: undefined }
	| { readonly response?: undefined; readonly error: unknown; readonly code: string | undefined };

/**
 * Runs a call: rate limit, send, and retry with backoff only when the method is idempotent and the
 * failure is transient (`Retry-After` of 429/503 honoured). Returns the last response, whatever its
 * status; throws when no response arrived (deadline reason, `EndpointDeniedError`,
 * `HttpRequestFailedError`).
 */
export async function executeWithRetry(
	request: ExecutionRequest,
	deps: RequestExecutorDeps,
): Promise<ExecutionOutcome> {
	const { plan, deadline } = request;
	const maxAttempts = isRetrySafeMethod(plan.method) ? request.retryPolicy.maxRetries + 1 : 1;
	for (let attempt = 1; ; attempt++) {
		await deps.rateLimiter.acquire(request.rateLimitKey, deadline);
		request.onAttempt?.(attempt, maxAttempts);
		const result = await attemptOnce(request, deps);
		const delay =
			attempt < maxAttempts ? retryDelayMillis(result, attempt, request, deps) : undefined;
		if (delay === undefined || delay > deadline.remainingMillis()) return settle(result, attempt);
		await abortableDelay(delay, deadline.signal);
	}
}

async function attemptOnce(
	request: ExecutionRequest,
	deps: RequestExecutorDeps,
): Promise<AttemptResult> {
	const { plan, deadline } = request;
	const startedAt = deps.monotonicNow();
	try {
		const response = await sendRequest(
			request.dispatcher,
			plan,
			deadline.signal,
			deps.maxResponseBytes,
		);
		deps.metrics.recordRequest(plan.method, response.statusCode, elapsedSeconds(deps, startedAt));
		return { response };
	} catch (error) {
		deps.metrics.recordRequest(plan.method, undefined, elapsedSeconds(deps, startedAt));
		if (deadline.signal.aborted) throw deadline.signal.reason;
		const denied = findInChain(error, (e) => e instanceof EndpointDeniedError);
		if (denied) throw denied;
		return { error, code: errorCodeOf(error) };
	}
}

function retryDelayMillis(
	result: AttemptResult,
	attempt: number,
	request: ExecutionRequest,
	deps: RequestExecutorDeps,
): number | undefined {
	const bounds = {
		initialDelayMillis: request.retryPolicy.backoffMillis,
		maxDelayMillis: deps.maxBackoffMillis,
	};
	// HTTP retry delays are whole milliseconds (the publisher's stay fractional).
	const backoff = Math.round(backoffDelayMillis(attempt, bounds, deps.random));
	if (!result.response) return isRetryableErrorCode(result.code) ? backoff : undefined;
	const { statusCode, headers } = result.response;
	if (!isRetryableStatus(statusCode)) return undefined;
	if (statusCode !== 429 && statusCode !== 503) return backoff;
	const retryAfter = parseRetryAfterMillis(headers['retry-after'], deps.wallNow());
	if (retryAfter === undefined) return backoff;
	return retryAfter > deps.maxRetryAfterMillis ? undefined : Math.max(retryAfter, backoff);
}

function settle(result: AttemptResult, attempts: number): ExecutionOutcome {
	if (result.response) return { response: result.response, attempts };
	throw new HttpRequestFailedError(result.code, attempts, { cause: result.error });
}

function elapsedSeconds(deps: RequestExecutorDeps, startedAt: number): number {
	return (deps.monotonicNow() - startedAt) / 1000;
}

function findInChain(error: unknown, test: (e: unknown) => boolean): unknown {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
		if (test(current)) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function errorCodeOf(error: unknown): string | undefined {
	const found = findInChain(error, (e) => typeof (e as { code?: unknown })?.code === 'string');
	return found ? (found as { code: string }).code : undefined;
}

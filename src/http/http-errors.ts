import { IntegrationsError } from '../common/index.js';

/** Why the endpoint policy refused a request. */
export type EndpointDenialReason = 'protocol' | 'host' | 'address' | 'not-allowed';

/**
 * The outbound endpoint policy refused a URL or a resolved address (cloud metadata, link-local,
 * a denied host or range, a host outside the allow list, or a non-HTTP protocol).
 */
export class EndpointDeniedError extends IntegrationsError {
	declare readonly code: 'ERR_ENDPOINT_DENIED';
	readonly reason: EndpointDenialReason;

	constructor(reason: EndpointDenialReason, message: string) {
		super('ERR_ENDPOINT_DENIED', message);
		this.reason = reason;
	}
}

/** The call's deadline (`timeout`) passed before a response was received. */
export class RequestTimeoutError extends IntegrationsError {
	declare readonly code: 'ERR_TIMEOUT';
	readonly timeoutMillis: number;

	constructor(timeoutMillis: number) {
		super('ERR_TIMEOUT', `The call did not complete within ${timeoutMillis} ms`);
		this.timeoutMillis = timeoutMillis;
	}
}

/** The caller cancelled the call (its `AbortSignal` fired). */
export class RequestAbortedError extends IntegrationsError {
	declare readonly code: 'ERR_ABORTED';

	constructor() {
		super('ERR_ABORTED', 'The call was cancelled by the caller');
	}
}

/** The per-integration rate limit cannot grant a request before the call's deadline. */
export class RateLimitedError extends IntegrationsError {
	declare readonly code: 'ERR_RATE_LIMITED';
	readonly retryAfterMillis: number;

	constructor(retryAfterMillis: number) {
		super(
			'ERR_RATE_LIMITED',
			`The integration's rate limit allows the next request in ${retryAfterMillis} ms, after the call's deadline`,
		);
		this.retryAfterMillis = retryAfterMillis;
	}
}

/** The request failed without an HTTP response (connection refused, reset, DNS failure...). */
export class HttpRequestFailedError extends IntegrationsError {
	declare readonly code: 'ERR_HTTP_REQUEST_FAILED';
	/** The underlying error code (e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`), when known. */
	readonly causeCode: string | undefined;

	constructor(causeCode: string | undefined, attempts: number, options?: { cause?: unknown }) {
		super(
			'ERR_HTTP_REQUEST_FAILED',
			`The request failed without an HTTP response (${causeCode ?? 'unknown error'}) after ${attempts} attempt(s)`,
			options,
		);
		this.causeCode = causeCode;
	}
}

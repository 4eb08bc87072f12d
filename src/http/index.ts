// Outbound HTTP for the MCP tools: pooled undici agents per tenant, deadlines, rate limits, retries.
// Entry of src/http/: what the rest of the package takes from it.

export type { HttpPoolOptions } from './agent-registry.js';
export { AgentRegistry, HTTP_POOL_DEFAULTS } from './agent-registry.js';
export type { Deadline } from './deadline.js';
export { createDeadline } from './deadline.js';
export type { EndpointPolicy, EndpointPolicyOptions, LookupFunction } from './endpoint/index.js';
export { createEndpointPolicy, ENDPOINT_POLICY_DEFAULTS } from './endpoint/index.js';
export type { EndpointDenialReason } from './http-errors.js';
export {
	EndpointDeniedError,
	HttpRequestFailedError,
	RateLimitedError,
	RequestAbortedError,
	RequestTimeoutError,
} from './http-errors.js';
export type { HttpMethod, RetryPolicy } from './http-retry-policy.js';
export type { RateLimitOptions } from './rate-limiter.js';
export { createRateLimiter, RATE_LIMIT_DEFAULTS } from './rate-limiter.js';
export type { ExecutionOutcome, RequestExecutorDeps } from './request-executor.js';
export { executeWithRetry } from './request-executor.js';
export { RESERVED_HEADER_NAMES } from './reserved-headers.js';
export type { HttpResponseSnapshot } from './send-request.js';

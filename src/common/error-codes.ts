// Every `code` this library emits, per area. An error class declares its own literal (e.g.
// `QueueFullError['code']` is `'ERR_QUEUE_FULL'`), so `switch (error.code)` narrows and a misspelled
// code fails to compile. Codes from outside (Node, undici, NATS, zod issues) are never among these.

/** Configuration, any component: an invalid option or environment variable, a missing peer. */
export type ConfigErrorCode =
	| 'ERR_INVALID_OPTION' // InvalidOptionError
	| 'ERR_MISSING_PEER'; // MissingPeerError

/** The publisher: thrown by `emit`/`emitRaw`, or the `error` of a dead letter. */
export type PublisherErrorCode =
	| 'ERR_PUBLISHER_CLOSED' // PublisherClosedError
	| 'ERR_QUEUE_FULL' // QueueFullError
	| 'ERR_UNKNOWN_TOPIC' // UnknownTopicError
	| 'ERR_FLUSH_TIMEOUT' // FlushTimeoutError
	| 'ERR_CLOSE_TIMEOUT' // CloseTimeoutError
	| 'ERR_VALIDATION_WORKER' // ValidationWorkerError
	| 'ERR_INVALID_BODY'; // InvalidBodyError

/** The bus adapters: a failed item or batch, or a received message that is not a valid event. */
export type BusErrorCode =
	| 'ERR_BUS_CLOSED' // BusClosedError
	| 'ERR_BUS_DISCONNECTED' // BusDisconnectedError
	| 'ERR_BUS_TIMEOUT' // BusTimeoutError
	| 'ERR_BUS_PUBLISH' // BusPublishError
	| 'ERR_INVALID_ENVELOPE' // InvalidEnvelopeError
	| 'ERR_INVALID_MESSAGE'; // InvalidMessageError

/** Outbound HTTP calls of the MCP tools: the endpoint policy, deadlines, rate limits, transport. */
export type HttpErrorCode =
	| 'ERR_ENDPOINT_DENIED' // EndpointDeniedError
	| 'ERR_TIMEOUT' // RequestTimeoutError
	| 'ERR_ABORTED' // RequestAbortedError
	| 'ERR_RATE_LIMITED' // RateLimitedError
	| 'ERR_HTTP_REQUEST_FAILED'; // HttpRequestFailedError

/**
 * The MCP tools runtime and server. `ERR_INTERNAL` (a tool failed unexpectedly) and
 * `ERR_LINE_TOO_LONG` (the stdio server dropped an oversized line) have no class: they appear only
 * as the `<code>: ` prefix of an MCP error text.
 */
export type McpErrorCode =
	| 'ERR_INVALID_INPUT' // InvalidInputError
	| 'ERR_INTEGRATION_NOT_FOUND' // IntegrationNotFoundError
	| 'ERR_NO_ENDPOINT' // MissingEndpointError
	| 'ERR_INVALID_OPERATION' // InvalidOperationError
	| 'ERR_INVALID_CURSOR' // InvalidCursorError
	| 'ERR_STORE_FULL' // StoreFullError
	| 'ERR_OVERLOADED' // OverloadedError
	| 'ERR_QUOTA_EXCEEDED' // QuotaExceededError
	| 'ERR_RESULT_TOO_LARGE' // ResultTooLargeError
	| 'ERR_RUNTIME_CLOSED' // RuntimeClosedError
	| 'ERR_CREDENTIALS_UNAVAILABLE' // CredentialsUnavailableError
	| 'ERR_UNKNOWN_TOOL' // UnknownToolError
	| 'ERR_INTERNAL'
	| 'ERR_LINE_TOO_LONG';

/** The shared (NATS KV) integration store and the sealing of its credentials. */
export type StoreErrorCode =
	| 'ERR_STORE_UNAVAILABLE' // StoreUnavailableError
	| 'ERR_STORE_CONFLICT' // StoreConflictError
	| 'ERR_STORE_VALUE_TOO_LARGE' // StoreValueTooLargeError
	| 'ERR_UNSEAL_FAILED'; // UnsealError

/** Every code of this library: `IntegrationsError['code']`, stable across versions. */
export type IntegrationsErrorCode =
	| ConfigErrorCode
	| PublisherErrorCode
	| BusErrorCode
	| HttpErrorCode
	| McpErrorCode
	| StoreErrorCode;

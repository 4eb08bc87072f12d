import { describe, expect, it } from 'vitest';
import {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
	CloseTimeoutError,
	FlushTimeoutError,
	IntegrationsError,
	type IntegrationsErrorCode,
	InvalidBodyError,
	InvalidEnvelopeError,
	InvalidMessageError,
	InvalidOptionError,
	MissingPeerError,
	PublisherClosedError,
	QueueFullError,
	UnknownTopicError,
	ValidationWorkerError,
} from '../../src/index.js';
import {
	CredentialsUnavailableError,
	EndpointDeniedError,
	HttpRequestFailedError,
	IntegrationNotFoundError,
	InvalidCursorError,
	InvalidInputError,
	InvalidOperationError,
	MissingEndpointError,
	OverloadedError,
	QuotaExceededError,
	RateLimitedError,
	RequestAbortedError,
	RequestTimeoutError,
	ResultTooLargeError,
	RuntimeClosedError,
	StoreConflictError,
	StoreFullError,
	StoreUnavailableError,
	StoreValueTooLargeError,
	UnknownToolError,
	UnsealError,
} from '../../src/mcp/index.js';

/** Codes with no class: only the `<code>: ` prefix of an MCP error text. */
type TextOnlyCode = 'ERR_INTERNAL' | 'ERR_LINE_TOO_LONG';

/**
 * One way to make each class, keyed by the code its type declares: `satisfies` fails to compile when
 * a code of the union has no class here, or a class declares another code than its key.
 */
const MAKE = {
	ERR_INVALID_OPTION: () => new InvalidOptionError('maxQueueSize', 'must be positive'),
	ERR_MISSING_PEER: () => new MissingPeerError('@nats-io/transport-node', 'not installed'),
	ERR_PUBLISHER_CLOSED: () => new PublisherClosedError(),
	ERR_QUEUE_FULL: () => new QueueFullError(10),
	ERR_UNKNOWN_TOPIC: () => new UnknownTopicError('nope'),
	ERR_FLUSH_TIMEOUT: () => new FlushTimeoutError(100),
	ERR_CLOSE_TIMEOUT: () => new CloseTimeoutError(100),
	ERR_VALIDATION_WORKER: () => new ValidationWorkerError(new Error('crashed')),
	ERR_INVALID_BODY: () => new InvalidBodyError([{ code: 'invalid_json', message: 'bad' }]),
	ERR_BUS_CLOSED: () => new BusClosedError('the bus'),
	ERR_BUS_DISCONNECTED: () => new BusDisconnectedError('down'),
	ERR_BUS_TIMEOUT: () => new BusTimeoutError('the ack', 100),
	ERR_BUS_PUBLISH: () => new BusPublishError('refused'),
	ERR_INVALID_ENVELOPE: () => new InvalidEnvelopeError('source', 'not an absolute URI'),
	ERR_INVALID_MESSAGE: () => new InvalidMessageError('json', 'subject', 'not JSON'),
	ERR_ENDPOINT_DENIED: () => new EndpointDeniedError('host', 'denied'),
	ERR_TIMEOUT: () => new RequestTimeoutError(100),
	ERR_ABORTED: () => new RequestAbortedError(),
	ERR_RATE_LIMITED: () => new RateLimitedError(100),
	ERR_HTTP_REQUEST_FAILED: () => new HttpRequestFailedError('ECONNRESET', 1),
	ERR_INVALID_INPUT: () => new InvalidInputError('create_integration', []),
	ERR_INTEGRATION_NOT_FOUND: () => new IntegrationNotFoundError('id'),
	ERR_NO_ENDPOINT: () => new MissingEndpointError(),
	ERR_INVALID_OPERATION: () => new InvalidOperationError('bad'),
	ERR_INVALID_CURSOR: () => new InvalidCursorError(),
	ERR_STORE_FULL: () => new StoreFullError(10),
	ERR_OVERLOADED: () => new OverloadedError(10),
	ERR_QUOTA_EXCEEDED: () => new QuotaExceededError('tenant', 100),
	ERR_RESULT_TOO_LARGE: () => new ResultTooLargeError('execute_integration', 200, 100, 'done'),
	ERR_RUNTIME_CLOSED: () => new RuntimeClosedError(),
	ERR_CREDENTIALS_UNAVAILABLE: () => new CredentialsUnavailableError(),
	ERR_UNKNOWN_TOOL: () => new UnknownToolError('nope'),
	ERR_STORE_UNAVAILABLE: () => new StoreUnavailableError('closed'),
	ERR_STORE_CONFLICT: () => new StoreConflictError(3),
	ERR_STORE_VALUE_TOO_LARGE: () => new StoreValueTooLargeError(200, 100),
	ERR_UNSEAL_FAILED: () => new UnsealError('tampered', 'k1', ['k1']),
} satisfies {
	[C in Exclude<IntegrationsErrorCode, TextOnlyCode>]: () => IntegrationsError & { code: C };
};

describe('error codes', () => {
	it.each(Object.entries(MAKE))('constructs %s with the code its class declares', (code, make) => {
		const error = make();
		expect(error.code).toBe(code);
		expect(error).toBeInstanceOf(IntegrationsError);
		expect(error).toBeInstanceOf(Error);
		expect(Object.hasOwn(error, 'code')).toBe(true);
	});

	it('gives every error class its own code and name', () => {
		const errors = Object.values(MAKE).map((make) => make());
		expect(new Set(errors.map((error) => error.code)).size).toBe(errors.length);
		expect(new Set(errors.map((error) => error.constructor)).size).toBe(errors.length);
		for (const error of errors) expect(error.name).toBe(error.constructor.name);
	});

	it('keeps the cause given to the error', () => {
		const cause = new Error('crashed');
		expect(new ValidationWorkerError(cause).cause).toBe(cause);
		expect(new BusPublishError('refused', { cause }).cause).toBe(cause);
	});
});

import { describe, expectTypeOf, it } from 'vitest';
import {
	type BusClosedError,
	type BusDisconnectedError,
	type BusErrorCode,
	type BusPublishError,
	type BusTimeoutError,
	type CloseTimeoutError,
	type ConfigErrorCode,
	type FlushTimeoutError,
	type HttpErrorCode,
	IntegrationsError,
	type IntegrationsErrorCode,
	type InvalidBodyError,
	type InvalidEnvelopeError,
	type InvalidMessageError,
	InvalidOptionError,
	type McpErrorCode,
	type MissingPeerError,
	type PublisherClosedError,
	type PublisherErrorCode,
	QueueFullError,
	type StoreErrorCode,
	type UnknownTopicError,
	type ValidationWorkerError,
} from '../../src/index.js';
import type * as mcpEntry from '../../src/mcp/index.js';
import type {
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

/** The code an error class declares. */
type CodeOf<T extends abstract new (...args: never) => IntegrationsError> = InstanceType<T>['code'];

describe('IntegrationsErrorCode', () => {
	it('gives each error class its own literal code', () => {
		expectTypeOf<QueueFullError['code']>().toEqualTypeOf<'ERR_QUEUE_FULL'>();
		expectTypeOf<CloseTimeoutError['code']>().toEqualTypeOf<'ERR_CLOSE_TIMEOUT'>();
		expectTypeOf<BusTimeoutError['code']>().toEqualTypeOf<'ERR_BUS_TIMEOUT'>();
		expectTypeOf<EndpointDeniedError['code']>().toEqualTypeOf<'ERR_ENDPOINT_DENIED'>();
		expectTypeOf<MissingEndpointError['code']>().toEqualTypeOf<'ERR_NO_ENDPOINT'>();
		expectTypeOf<UnsealError['code']>().toEqualTypeOf<'ERR_UNSEAL_FAILED'>();
		expectTypeOf(new InvalidOptionError('x', 'y').code).toEqualTypeOf<'ERR_INVALID_OPTION'>();
	});

	it('types the base class code as the union, still readable as a string', () => {
		expectTypeOf<IntegrationsError['code']>().toEqualTypeOf<IntegrationsErrorCode>();
		expectTypeOf<IntegrationsErrorCode>().toExtend<string>();
		const error: unknown = new QueueFullError(1);
		if (error instanceof IntegrationsError) {
			expectTypeOf(error.code).toEqualTypeOf<IntegrationsErrorCode>();
			const asString: string = error.code;
			expectTypeOf(asString).toBeString();
		}
	});

	it('makes each area union exactly the codes of its classes', () => {
		expectTypeOf<
			CodeOf<typeof InvalidOptionError | typeof MissingPeerError>
		>().toEqualTypeOf<ConfigErrorCode>();
		expectTypeOf<
			CodeOf<
				| typeof PublisherClosedError
				| typeof QueueFullError
				| typeof UnknownTopicError
				| typeof FlushTimeoutError
				| typeof CloseTimeoutError
				| typeof ValidationWorkerError
				| typeof InvalidBodyError
			>
		>().toEqualTypeOf<PublisherErrorCode>();
		expectTypeOf<
			CodeOf<
				| typeof BusClosedError
				| typeof BusDisconnectedError
				| typeof BusTimeoutError
				| typeof BusPublishError
				| typeof InvalidEnvelopeError
				| typeof InvalidMessageError
			>
		>().toEqualTypeOf<BusErrorCode>();
		expectTypeOf<
			CodeOf<
				| typeof EndpointDeniedError
				| typeof RequestTimeoutError
				| typeof RequestAbortedError
				| typeof RateLimitedError
				| typeof HttpRequestFailedError
			>
		>().toEqualTypeOf<HttpErrorCode>();
		expectTypeOf<
			CodeOf<
				| typeof StoreUnavailableError
				| typeof StoreConflictError
				| typeof StoreValueTooLargeError
				| typeof UnsealError
			>
		>().toEqualTypeOf<StoreErrorCode>();
	});

	it('makes the MCP union its classes plus the two codes only seen in error texts', () => {
		expectTypeOf<
			| CodeOf<
					| typeof InvalidInputError
					| typeof IntegrationNotFoundError
					| typeof MissingEndpointError
					| typeof InvalidOperationError
					| typeof InvalidCursorError
					| typeof StoreFullError
					| typeof OverloadedError
					| typeof QuotaExceededError
					| typeof ResultTooLargeError
					| typeof RuntimeClosedError
					| typeof CredentialsUnavailableError
					| typeof UnknownToolError
			  >
			| 'ERR_INTERNAL'
			| 'ERR_LINE_TOO_LONG'
		>().toEqualTypeOf<McpErrorCode>();
	});

	it('is the union of the area unions, also from the MCP entry', () => {
		expectTypeOf<
			| ConfigErrorCode
			| PublisherErrorCode
			| BusErrorCode
			| HttpErrorCode
			| McpErrorCode
			| StoreErrorCode
		>().toEqualTypeOf<IntegrationsErrorCode>();
		expectTypeOf<mcpEntry.McpErrorCode>().toEqualTypeOf<McpErrorCode>();
		expectTypeOf<mcpEntry.HttpErrorCode>().toEqualTypeOf<HttpErrorCode>();
		expectTypeOf<mcpEntry.StoreErrorCode>().toEqualTypeOf<StoreErrorCode>();
	});

	it('rejects a misspelled or foreign code at compile time', () => {
		// @ts-expect-error a misspelled code is not a code of this library
		const misspelled: IntegrationsErrorCode = 'ERR_QUEUE_FUL';
		// @ts-expect-error a Node code is not a code of this library
		const foreign: IntegrationsErrorCode = 'ECONNRESET';
		// @ts-expect-error the base class takes only codes of this library
		const made = new IntegrationsError('ERR_NOPE', 'message');
		const error = new QueueFullError(1) as IntegrationsError;
		// @ts-expect-error comparing with a misspelled code has no overlap
		const matched = error.code === 'ERR_QUEUE_FUL';
		expectTypeOf([misspelled, foreign, made, matched]).toBeArray();
	});
});

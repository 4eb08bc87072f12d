import { IntegrationsError } from '../common/index.js';

/** One problem found in a tool's input: where (`path`) and what. No input values are echoed. */
export interface InputIssue {
	readonly path: string;
	readonly message: string;
}

/** A tool's input failed its schema or a documented bound (name length, payload size...). */
export class InvalidInputError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_INPUT';
	readonly issues: readonly InputIssue[];

	constructor(tool: string, issues: readonly InputIssue[]) {
		const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
		super('ERR_INVALID_INPUT', `Invalid arguments for ${tool}: ${summary}`);
		this.issues = issues;
	}
}

/** No integration with this id exists for the caller's tenant. */
export class IntegrationNotFoundError extends IntegrationsError {
	declare readonly code: 'ERR_INTEGRATION_NOT_FOUND';

	constructor(integrationId: string) {
		super(
			'ERR_INTEGRATION_NOT_FOUND',
			`No integration ${JSON.stringify(integrationId.slice(0, 100))} exists; call list_integrations for valid ids`,
		);
	}
}

/** The integration has no HTTP(S) endpoint to test or execute against. */
export class MissingEndpointError extends IntegrationsError {
	declare readonly code: 'ERR_NO_ENDPOINT';

	constructor() {
		super(
			'ERR_NO_ENDPOINT',
			'The integration has no config.endpoint; create an integration with an http(s) endpoint',
		);
	}
}

/** `operation` does not follow the documented mapping (`GET /path`, `/path`, `METHOD`, or a name). */
export class InvalidOperationError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_OPERATION';

	constructor(message: string) {
		super(
			'ERR_INVALID_OPERATION',
			`${message}. Use "<GET|POST|PUT|PATCH|DELETE> /relative/path", "/relative/path", a bare method, or an operation name`,
		);
	}
}

/** The `cursor` is malformed or belongs to a different filter. */
export class InvalidCursorError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_CURSOR';

	constructor() {
		super(
			'ERR_INVALID_CURSOR',
			'The cursor is invalid or was issued for different filters; repeat the call without a cursor',
		);
	}
}

/** The integration store is at capacity. */
export class StoreFullError extends IntegrationsError {
	declare readonly code: 'ERR_STORE_FULL';
	readonly maxIntegrations: number;

	constructor(maxIntegrations: number) {
		super('ERR_STORE_FULL', `The integration store is full (${maxIntegrations} integrations)`);
		this.maxIntegrations = maxIntegrations;
	}
}

/** Which bound was reached: the runtime's, or the calling tenant's share of it. */
export type LimitScope = 'runtime' | 'tenant';

/** Too many outbound calls are already waiting for a concurrency slot (in all, or of this tenant). */
export class OverloadedError extends IntegrationsError {
	declare readonly code: 'ERR_OVERLOADED';
	/** `maxPendingCalls` (scope `runtime`) or `maxPendingCallsPerTenant` (scope `tenant`). */
	readonly maxPendingCalls: number;
	readonly scope: LimitScope;

	constructor(maxPendingCalls: number, scope: LimitScope = 'runtime') {
		const whose = scope === 'tenant' ? 'calls of this tenant' : 'calls';
		super(
			'ERR_OVERLOADED',
			`Too many ${whose} are waiting (${maxPendingCalls}); retry in a moment`,
		);
		this.maxPendingCalls = maxPendingCalls;
		this.scope = scope;
	}
}

/**
 * Storing the integration would exceed the bytes a tenant (`maxTenantBytes`) or the whole runtime
 * (`maxStoredBytes`) may hold for integrations (records and sealed credentials).
 */
export class QuotaExceededError extends IntegrationsError {
	declare readonly code: 'ERR_QUOTA_EXCEEDED';
	readonly scope: LimitScope;
	readonly limitBytes: number;

	constructor(scope: LimitScope, limitBytes: number) {
		const whose = scope === 'tenant' ? "this tenant's integrations" : 'all integrations';
		super(
			'ERR_QUOTA_EXCEEDED',
			`Storing this integration would exceed the ${limitBytes} bytes ${whose} may hold (${scope === 'tenant' ? 'maxTenantBytes' : 'maxStoredBytes'})`,
		);
		this.scope = scope;
		this.limitBytes = limitBytes;
	}
}

/** A tool result does not fit `maxResultChars`, even shrunk; `summary` says what the call did. */
export class ResultTooLargeError extends IntegrationsError {
	declare readonly code: 'ERR_RESULT_TOO_LARGE';
	readonly maxResultChars: number;

	constructor(tool: string, resultChars: number, maxResultChars: number, summary: string) {
		super(
			'ERR_RESULT_TOO_LARGE',
			`The result of ${tool} (${resultChars} characters) exceeds maxResultChars (${maxResultChars}). ${summary}`,
		);
		this.maxResultChars = maxResultChars;
	}
}

/** The runtime was closed; no further calls are accepted and in-flight calls are aborted. */
export class RuntimeClosedError extends IntegrationsError {
	declare readonly code: 'ERR_RUNTIME_CLOSED';

	constructor() {
		super('ERR_RUNTIME_CLOSED', 'The integrations runtime is closed');
	}
}

/** The integration has credentials, but they are gone from memory (e.g. after a restart). */
export class CredentialsUnavailableError extends IntegrationsError {
	declare readonly code: 'ERR_CREDENTIALS_UNAVAILABLE';

	constructor() {
		super(
			'ERR_CREDENTIALS_UNAVAILABLE',
			'The credentials of this integration are kept in memory only and are no longer available; create the integration again',
		);
	}
}

/** `callTool` was given a name that is not one of the five tools. */
export class UnknownToolError extends IntegrationsError {
	declare readonly code: 'ERR_UNKNOWN_TOOL';

	constructor(name: string) {
		super(
			'ERR_UNKNOWN_TOOL',
			`Unknown tool ${JSON.stringify(String(name).slice(0, 64))}; expected one of create_integration, test_integration, execute_integration, list_integrations, monitor_integration`,
		);
	}
}

// Subpath entry `@cortex-os/integrations/mcp`: the runtime behind the five tools and the MCP server.
// It loads undici and the MCP SDK; the core entry never imports this file.

export type { HttpPoolOptions } from '../http/index.js';
export type { EndpointPolicyOptions } from '../http/index.js';
export { ENDPOINT_POLICY_DEFAULTS } from '../http/index.js';
export type { LookupFunction } from '../http/index.js';
export type { EndpointDenialReason } from '../http/index.js';
export type { HttpErrorCode, McpErrorCode, StoreErrorCode } from '../common/index.js';
export {
	EndpointDeniedError,
	HttpRequestFailedError,
	RateLimitedError,
	RequestAbortedError,
	RequestTimeoutError,
} from '../http/index.js';
export type { RateLimitOptions } from '../http/index.js';
export type { HttpMethod } from '../http/index.js';
export { CREATE_LIMITS } from './handlers/index.js';
export { EXECUTE_LIMITS } from './handlers/index.js';
export type { IntegrationsHttpOptions } from './server/index.js';
export { HTTP_DEFAULTS } from './server/index.js';
export type { IntegrationsHttpServer } from './server/index.js';
export {
	HEALTH_HTTP_PATH,
	MCP_HTTP_PATH,
	serveIntegrationsHttp,
} from './server/index.js';
export type { IntegrationsRuntime, IntegrationsToolName } from './runtime/index.js';
export { createIntegrationsRuntime, INTEGRATIONS_TOOL_NAMES } from './runtime/index.js';
export type { InputIssue, LimitScope } from './runtime-errors.js';
export {
	CredentialsUnavailableError,
	IntegrationNotFoundError,
	InvalidCursorError,
	InvalidInputError,
	InvalidOperationError,
	MissingEndpointError,
	OverloadedError,
	QuotaExceededError,
	ResultTooLargeError,
	RuntimeClosedError,
	StoreFullError,
	UnknownToolError,
} from './runtime-errors.js';
export type { ApiCallEventSink, IntegrationsRuntimeOptions } from './context/index.js';
export { RUNTIME_DEFAULTS } from './context/index.js';
export type { IntegrationsMcpServerOptions } from './server/index.js';
export { createIntegrationsMcpServer } from './server/index.js';
export { MCP_SERVER_DEFAULTS } from './server/index.js';
export type {
	IntegrationKind,
	IntegrationListPage,
	IntegrationListQuery,
	IntegrationRecord,
	IntegrationSecrets,
	IntegrationStatus,
	IntegrationStatusUpdate,
	IntegrationStore,
} from './store/index.js';
export type { MemoryIntegrationStoreOptions } from './store/index.js';
export { createMemoryIntegrationStore } from './store/index.js';
export type { NatsKvIntegrationStore } from './store/index.js';
export { createNatsKvIntegrationStore } from './store/index.js';
export type { NatsKvIntegrationStoreOptions } from './store/index.js';
export { NATS_KV_STORE_DEFAULTS } from './store/index.js';
export type { SecretKeySource } from './store/index.js';
export type { UnsealFailure } from './store/index.js';
export {
	StoreConflictError,
	StoreUnavailableError,
	StoreValueTooLargeError,
	UnsealError,
} from './store/index.js';
export type { ToolCallContext, ToolProgress } from './context/index.js';
export type { IntegrationsToolDefinition } from './runtime/index.js';
export { INTEGRATIONS_TOOL_DEFINITIONS } from './runtime/index.js';
export {
	CreateIntegrationToolInputSchema,
	ExecuteIntegrationToolInputSchema,
	ListIntegrationsToolInputSchema,
	MonitorIntegrationToolInputSchema,
	TestIntegrationToolInputSchema,
} from './schemas/index.js';
export type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	IntegrationView,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestCheck,
	TestIntegrationResult,
} from './schemas/index.js';
export {
	CreateIntegrationOutputSchema,
	ExecuteIntegrationOutputSchema,
	ListIntegrationsOutputSchema,
	MonitorIntegrationOutputSchema,
	TestIntegrationOutputSchema,
} from './schemas/index.js';

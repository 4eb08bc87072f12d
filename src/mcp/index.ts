// Subpath entry `@cortex-os/integrations/mcp`: the runtime behind the five tools and the MCP server.
// It loads undici and the MCP SDK; the core entry never imports this file.

export type { HttpPoolOptions } from '../http/agent-registry.js';
export type { EndpointPolicyOptions } from '../http/endpoint/endpoint-policy.js';
export type { LookupFunction } from '../http/endpoint/guarded-lookup.js';
export type { EndpointDenialReason } from '../http/http-errors.js';
export {
	EndpointDeniedError,
	HttpRequestFailedError,
	RateLimitedError,
	RequestAbortedError,
	RequestTimeoutError,
} from '../http/http-errors.js';
export type { RateLimitOptions } from '../http/rate-limiter.js';
export type { HttpMethod } from '../http/retry-policy.js';
export { CREATE_LIMITS } from './handlers/create-limits.js';
export { EXECUTE_LIMITS } from './handlers/execute-limits.js';
export type { IntegrationsHttpOptions } from './server/http/http-server-options.js';
export { HTTP_DEFAULTS } from './server/http/http-server-options.js';
export type { IntegrationsHttpServer } from './server/http/serve-integrations-http.js';
export {
	HEALTH_HTTP_PATH,
	MCP_HTTP_PATH,
	serveIntegrationsHttp,
} from './server/http/serve-integrations-http.js';
export type { OperationRequest } from './outbound/operation-plan.js';
export { planOperation } from './outbound/operation-plan.js';
export type { IntegrationsRuntime, IntegrationsToolName } from './runtime/runtime.js';
export { createIntegrationsRuntime, INTEGRATIONS_TOOL_NAMES } from './runtime/runtime.js';
export type { InputIssue, LimitScope } from './context/runtime-errors.js';
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
} from './context/runtime-errors.js';
export type { ApiCallEventSink, IntegrationsRuntimeOptions } from './context/runtime-options.js';
export type { IntegrationsMcpServerOptions } from './server/server.js';
export { createIntegrationsMcpServer } from './server/server.js';
export type {
	IntegrationKind,
	IntegrationListPage,
	IntegrationListQuery,
	IntegrationRecord,
	IntegrationSecrets,
	IntegrationStatus,
	IntegrationStatusUpdate,
	IntegrationStore,
} from './store/integration-store.js';
export type { MemoryIntegrationStoreOptions } from './store/memory-integration-store.js';
export { createMemoryIntegrationStore } from './store/memory-integration-store.js';
export type { NatsKvIntegrationStore } from './store/nats-kv/nats-kv-integration-store.js';
export { createNatsKvIntegrationStore } from './store/nats-kv/nats-kv-integration-store.js';
export type { NatsKvIntegrationStoreOptions } from './store/nats-kv/nats-kv-options.js';
export { NATS_KV_STORE_DEFAULTS } from './store/nats-kv/nats-kv-options.js';
export type { SecretKeySource } from './store/nats-kv/secret-box.js';
export type { UnsealFailure } from './store/store-errors.js';
export {
	StoreConflictError,
	StoreUnavailableError,
	StoreValueTooLargeError,
	UnsealError,
} from './store/store-errors.js';
export type { ToolCallContext, ToolProgress } from './context/tool-call-context.js';
export type { IntegrationsToolDefinition } from './runtime/tool-definitions.js';
export { INTEGRATIONS_TOOL_DEFINITIONS } from './runtime/tool-definitions.js';
export {
	CreateIntegrationToolInputSchema,
	ExecuteIntegrationToolInputSchema,
	ListIntegrationsToolInputSchema,
	MonitorIntegrationToolInputSchema,
	TestIntegrationToolInputSchema,
} from './schemas/tool-input-schemas.js';
export type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	IntegrationView,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestCheck,
	TestIntegrationResult,
} from './schemas/tool-output-schemas.js';
export {
	CreateIntegrationOutputSchema,
	ExecuteIntegrationOutputSchema,
	ListIntegrationsOutputSchema,
	MonitorIntegrationOutputSchema,
	TestIntegrationOutputSchema,
} from './schemas/tool-output-schemas.js';

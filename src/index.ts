// The core entry: named exports only. Heavy or optional parts (MCP server, NATS, A2A adapters) live
// on subpath exports so that importing this entry stays light.

// ── Compat API (upstream names, unchanged) ──────────────────────────────────────────────────────
export {
	ApiCallEventSchema,
	createIntegrationsEvent,
	DataSyncEventSchema,
	INTEGRATIONS_EVENT_SCHEMAS,
	IntegrationConnectedEventSchema,
	WebhookReceivedEventSchema,
} from './events/index.js';
export type {
	ApiCallEvent,
	DataSyncEvent,
	IntegrationConnectedEvent,
	IntegrationsEventMap,
	WebhookReceivedEvent,
} from './events/index.js';
export {
	INTEGRATIONS_TOPIC_LIST,
	INTEGRATIONS_TOPICS,
	isIntegrationsTopic,
} from './events/index.js';
export type { IntegrationsTopic } from './events/index.js';
// Straight from the file: the schemas folder's entry also builds the runtime's output schemas, which
// importing this entry must not pay for.
export { integrationsMcpTools } from './mcp/schemas/tools.js';
export type {
	CreateIntegrationInput,
	ExecuteIntegrationInput,
	IntegrationsTool,
	ListIntegrationsInput,
	MonitorIntegrationInput,
	TestIntegrationInput,
} from './mcp/schemas/tools.js';

// ── Contracts (JSON Schema / AsyncAPI generation) ───────────────────────────────────────────────
export { buildAsyncApiDocument, buildEventJsonSchema } from './events/index.js';
export type { EventJsonSchema } from './events/index.js';

// ── Envelope and bus contract ───────────────────────────────────────────────────────────────────
export {
	DEFAULT_INTEGRATIONS_SOURCE,
	dataSchemaUrl,
	INTEGRATIONS_CONTRACT_VERSION,
} from './events/index.js';
export type { IntegrationsEnvelope } from './events/index.js';
export type {
	BusAdapter,
	BusBatchingDefaults,
	BusItemFailure,
	PublishBatchResult,
} from './bus/index.js';

// ── Errors and telemetry ────────────────────────────────────────────────────────────────────────
export { IntegrationsError, InvalidOptionError, MissingPeerError } from './common/index.js';
export type {
	BusErrorCode,
	ConfigErrorCode,
	HttpErrorCode,
	IntegrationsErrorCode,
	McpErrorCode,
	PublisherErrorCode,
	StoreErrorCode,
} from './common/index.js';
export { ALLOWED_ATTRIBUTE_KEYS, INSTRUMENTS, METER_NAME } from './telemetry/index.js';
export { silentLogger } from './telemetry/index.js';
export type { IntegrationsLogger, LogLevel } from './telemetry/index.js';

// ---------------------------------------------------------------------------------------------
// Publisher (dispatch) and in-process bus; the publisher's metrics are in its options
// ---------------------------------------------------------------------------------------------
export type { InProcessBus, InProcessBusOptions, InProcessHandler } from './bus/index.js';
export { createInProcessBus } from './bus/index.js';
export type { EmitStatus } from './dispatch/index.js';
export type { ConfigEnv } from './dispatch/index.js';
export { loadPublisherConfig } from './dispatch/index.js';
export type { EventPriority } from './dispatch/index.js';
export type { EmitOptions, IntegrationsPublisher } from './dispatch/index.js';
export { createIntegrationsPublisher } from './dispatch/index.js';
export type { PublisherStats } from './dispatch/index.js';
export {
	CloseTimeoutError,
	FlushTimeoutError,
	InvalidBodyError,
	PublisherClosedError,
	QueueFullError,
	UnknownTopicError,
	ValidationWorkerError,
} from './dispatch/index.js';
export type {
	AuditRecord,
	BatchingOptions,
	DeadLetterReport,
	DropReason,
	DroppedEventReport,
	InvalidEventReport,
	OverflowPolicy,
	PublisherOptions,
	RetryOptions,
	ValidationIssue,
	ValidationMode,
	ValidationPool,
	WorkerOptions,
} from './dispatch/index.js';
export { PUBLISHER_DEFAULTS } from './dispatch/index.js';
export { validationWorkerUrl } from './dispatch/index.js';
export { ENVELOPE_DATA_BYTES, ENVELOPE_DATA_JSON } from './events/index.js';
export {
	envelopeDataJson,
	envelopeJson,
	envelopeJsonAroundData,
} from './events/index.js';

// ── Bus errors (reported by every adapter; match on `code`) ─────────────────────────────────────
export {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
	InvalidEnvelopeError,
	InvalidMessageError,
} from './bus/index.js';
export type { InvalidMessageReason } from './bus/index.js';

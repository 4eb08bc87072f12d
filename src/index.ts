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
} from './events/integrations-events.js';
export type {
	ApiCallEvent,
	DataSyncEvent,
	IntegrationConnectedEvent,
	IntegrationsEventMap,
	WebhookReceivedEvent,
} from './events/integrations-events.js';
export {
	INTEGRATIONS_TOPIC_LIST,
	INTEGRATIONS_TOPICS,
	isIntegrationsTopic,
} from './events/topics.js';
export type { IntegrationsTopic } from './events/topics.js';
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
export { buildAsyncApiDocument, buildEventJsonSchema } from './events/contracts.js';
export type { EventJsonSchema } from './events/contracts.js';

// ── Envelope and bus contract ───────────────────────────────────────────────────────────────────
export {
	DEFAULT_INTEGRATIONS_SOURCE,
	dataSchemaUrl,
	INTEGRATIONS_CONTRACT_VERSION,
} from './events/envelope.js';
export type { IntegrationsEnvelope } from './events/envelope.js';
export type {
	BusAdapter,
	BusBatchingDefaults,
	BusItemFailure,
	PublishBatchResult,
} from './bus/bus-adapter.js';

// ── Errors and telemetry ────────────────────────────────────────────────────────────────────────
export { IntegrationsError, InvalidOptionError, MissingPeerError } from './common/errors.js';
export { ALLOWED_ATTRIBUTE_KEYS, INSTRUMENTS, METER_NAME } from './telemetry/instruments.js';
export { silentLogger } from './telemetry/logger.js';
export type { IntegrationsLogger, LogLevel } from './telemetry/logger.js';

// ---------------------------------------------------------------------------------------------
// Publisher (dispatch) and in-process bus; the publisher's metrics are in its options
// ---------------------------------------------------------------------------------------------
export type { InProcessBus, InProcessBusOptions, InProcessHandler } from './bus/in-process-bus.js';
export { createInProcessBus } from './bus/in-process-bus.js';
export type { EmitStatus } from './dispatch/batch-dispatcher.js';
export type { ConfigEnv } from './dispatch/options/load-publisher-config.js';
export { loadPublisherConfig } from './dispatch/options/load-publisher-config.js';
export type { EventPriority } from './dispatch/pending-event.js';
export type { EmitOptions, IntegrationsPublisher } from './dispatch/publisher.js';
export { createIntegrationsPublisher } from './dispatch/publisher.js';
export type { PublisherStats } from './dispatch/accounting/publisher-counters.js';
export {
	CloseTimeoutError,
	FlushTimeoutError,
	InvalidBodyError,
	PublisherClosedError,
	QueueFullError,
	UnknownTopicError,
	ValidationWorkerError,
} from './dispatch/publisher-errors.js';
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
} from './dispatch/options/publisher-options.js';
export { PUBLISHER_DEFAULTS } from './dispatch/options/resolve-publisher-options.js';
export { validationWorkerUrl } from './dispatch/validation/worker/validation-pool.js';
export { ENVELOPE_DATA_BYTES, ENVELOPE_DATA_JSON } from './events/envelope.js';
export {
	envelopeDataJson,
	envelopeJson,
	envelopeJsonAroundData,
} from './events/envelope-json.js';

// ── Bus errors (reported by every adapter; match on `code`) ─────────────────────────────────────
export {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
	InvalidEnvelopeError,
	InvalidMessageError,
} from './bus/bus-errors.js';
export type { InvalidMessageReason } from './bus/bus-errors.js';

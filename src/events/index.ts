// Stage 1, the events: upstream's schemas and topics, the envelope, contracts (JSON Schema, AsyncAPI).
// Entry of src/events/: what the rest of the package takes from it.
export type { FastPath } from './compile-fast-path.js';
export type { EventJsonSchema } from './contracts.js';
export { buildAsyncApiDocument, buildEventJsonSchema } from './contracts.js';
export type { IntegrationsEnvelope } from './envelope.js';
export {
	BRAND,
	BRAND_HEADER,
	DEFAULT_ENVELOPE_TTL_MILLIS,
	DEFAULT_INTEGRATIONS_SOURCE,
	dataSchemaUrl,
	ENVELOPE_DATA_BYTES,
	ENVELOPE_DATA_JSON,
	INTEGRATIONS_CONTRACT_VERSION,
} from './envelope.js';
export { envelopeDataJson, envelopeJson, envelopeJsonAroundData } from './envelope-json.js';
export type {
	ApiCallEvent,
	DataSyncEvent,
	IntegrationConnectedEvent,
	IntegrationsEventMap,
	WebhookReceivedEvent,
} from './integrations-events.js';
export {
	ApiCallEventSchema,
	createIntegrationsEvent,
	DataSyncEventSchema,
	INTEGRATIONS_EVENT_FAST_PATHS,
	INTEGRATIONS_EVENT_SCHEMAS,
	IntegrationConnectedEventSchema,
	WebhookReceivedEventSchema,
} from './integrations-events.js';
export type { IntegrationsTopic } from './topics.js';
export { INTEGRATIONS_TOPIC_LIST, INTEGRATIONS_TOPICS, isIntegrationsTopic } from './topics.js';

import { z } from 'zod';
import { compileFastPath, type FastPath } from './compile-fast-path.js';
import {
	booleanField,
	buildEventSchema,
	type EventFields,
	enumField,
	intField,
	optionalField,
	stringField,
} from './event-fields.js';
import { INTEGRATIONS_TOPICS, type IntegrationsTopic } from './topics.js';

// Field-for-field the schemas of upstream `src/events/integrations-events.ts`, built with the caller's
// own `zod` (the package's peer, main entry): a zod 3 caller gets zod 3 schemas and zod 3 errors, a
// zod 4 caller zod 4 ones. The declared types use only names both majors have, so the schemas compose
// with the caller's `z` under either. Timestamps are plain strings upstream.

/** An enum field's type: `z.ZodEnum`'s generics differ between zod 3 and zod 4. */
type ZodEnumOf<T extends string> = z.ZodType<T>;

const CONNECTED_FIELDS = {
	integrationId: stringField(),
	type: enumField(['api', 'webhook', 'oauth', 'database', 'filesystem']),
	name: stringField(),
	endpoint: optionalField(stringField()),
	status: enumField(['active', 'inactive', 'error']),
	connectedAt: stringField(),
} satisfies EventFields;

const DATA_SYNCED_FIELDS = {
	integrationId: stringField(),
	syncId: stringField(),
	direction: enumField(['inbound', 'outbound', 'bidirectional']),
	recordsProcessed: intField('nonnegative'),
	status: enumField(['started', 'completed', 'failed']),
	errorMessage: optionalField(stringField()),
	syncedAt: stringField(),
} satisfies EventFields;

const API_CALLED_FIELDS = {
	integrationId: stringField(),
	method: enumField(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
	endpoint: stringField(),
	statusCode: intField('positive'),
	duration: intField('nonnegative'),
	requestSize: optionalField(intField('nonnegative')),
	responseSize: optionalField(intField('nonnegative')),
	calledAt: stringField(),
} satisfies EventFields;

const WEBHOOK_RECEIVED_FIELDS = {
	integrationId: stringField(),
	webhookId: stringField(),
	source: stringField(),
	event: stringField(),
	payloadSize: intField('nonnegative'),
	processed: booleanField(),
	receivedAt: stringField(),
} satisfies EventFields;

/** `integrations.connection.established` payload. */
export const IntegrationConnectedEventSchema: z.ZodObject<{
	integrationId: z.ZodString;
	type: ZodEnumOf<'api' | 'webhook' | 'oauth' | 'database' | 'filesystem'>;
	name: z.ZodString;
	endpoint: z.ZodOptional<z.ZodString>;
	status: ZodEnumOf<'active' | 'inactive' | 'error'>;
	connectedAt: z.ZodString;
}> = buildEventSchema(z, CONNECTED_FIELDS) as never;

/** `integrations.data.synced` payload. */
export const DataSyncEventSchema: z.ZodObject<{
	integrationId: z.ZodString;
	syncId: z.ZodString;
	direction: ZodEnumOf<'inbound' | 'outbound' | 'bidirectional'>;
	recordsProcessed: z.ZodNumber;
	status: ZodEnumOf<'started' | 'completed' | 'failed'>;
	errorMessage: z.ZodOptional<z.ZodString>;
	syncedAt: z.ZodString;
}> = buildEventSchema(z, DATA_SYNCED_FIELDS) as never;

/** `integrations.api.called` payload. */
export const ApiCallEventSchema: z.ZodObject<{
	integrationId: z.ZodString;
	method: ZodEnumOf<'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'>;
	endpoint: z.ZodString;
	statusCode: z.ZodNumber;
	duration: z.ZodNumber;
	requestSize: z.ZodOptional<z.ZodNumber>;
	responseSize: z.ZodOptional<z.ZodNumber>;
	calledAt: z.ZodString;
}> = buildEventSchema(z, API_CALLED_FIELDS) as never;

/** `integrations.webhook.received` payload. */
export const WebhookReceivedEventSchema: z.ZodObject<{
	integrationId: z.ZodString;
	webhookId: z.ZodString;
	source: z.ZodString;
	event: z.ZodString;
	payloadSize: z.ZodNumber;
	processed: z.ZodBoolean;
	receivedAt: z.ZodString;
}> = buildEventSchema(z, WEBHOOK_RECEIVED_FIELDS) as never;

export type IntegrationConnectedEvent = z.infer<typeof IntegrationConnectedEventSchema>;
export type DataSyncEvent = z.infer<typeof DataSyncEventSchema>;
export type ApiCallEvent = z.infer<typeof ApiCallEventSchema>;
export type WebhookReceivedEvent = z.infer<typeof WebhookReceivedEventSchema>;

/** Maps each topic to its payload type. */
export interface IntegrationsEventMap {
	'integrations.connection.established': IntegrationConnectedEvent;
	'integrations.data.synced': DataSyncEvent;
	'integrations.api.called': ApiCallEvent;
	'integrations.webhook.received': WebhookReceivedEvent;
}

/** The field description of each topic's payload (builds both the schema and the fast path). */
export const INTEGRATIONS_EVENT_FIELDS: { readonly [T in IntegrationsTopic]: EventFields } =
	Object.freeze({
		[INTEGRATIONS_TOPICS.connected]: CONNECTED_FIELDS,
		[INTEGRATIONS_TOPICS.dataSynced]: DATA_SYNCED_FIELDS,
		[INTEGRATIONS_TOPICS.apiCalled]: API_CALLED_FIELDS,
		[INTEGRATIONS_TOPICS.webhookReceived]: WEBHOOK_RECEIVED_FIELDS,
	});

/** The payload schema of each topic. */
export const INTEGRATIONS_EVENT_SCHEMAS: {
	readonly 'integrations.connection.established': typeof IntegrationConnectedEventSchema;
	readonly 'integrations.data.synced': typeof DataSyncEventSchema;
	readonly 'integrations.api.called': typeof ApiCallEventSchema;
	readonly 'integrations.webhook.received': typeof WebhookReceivedEventSchema;
} = Object.freeze({
	[INTEGRATIONS_TOPICS.connected]: IntegrationConnectedEventSchema,
	[INTEGRATIONS_TOPICS.dataSynced]: DataSyncEventSchema,
	[INTEGRATIONS_TOPICS.apiCalled]: ApiCallEventSchema,
	[INTEGRATIONS_TOPICS.webhookReceived]: WebhookReceivedEventSchema,
});

/**
 * Compiled fast paths of the four payloads (see {@link compileFastPath}): a certainly valid payload
 * is copied out without running Zod; anything else goes to the Zod schema, which stays the judge.
 */
export const INTEGRATIONS_EVENT_FAST_PATHS: {
	readonly [T in IntegrationsTopic]: FastPath<IntegrationsEventMap[T]>;
} = Object.freeze({
	[INTEGRATIONS_TOPICS.connected]: compileFastPath<IntegrationConnectedEvent>(CONNECTED_FIELDS),
	[INTEGRATIONS_TOPICS.dataSynced]: compileFastPath<DataSyncEvent>(DATA_SYNCED_FIELDS),
	[INTEGRATIONS_TOPICS.apiCalled]: compileFastPath<ApiCallEvent>(API_CALLED_FIELDS),
	[INTEGRATIONS_TOPICS.webhookReceived]:
		compileFastPath<WebhookReceivedEvent>(WEBHOOK_RECEIVED_FIELDS),
});

/**
 * `schema.parse` with the fast path in front: same result, same `ZodError`, less work when valid.
 * One closure per topic, so a helper call does no lookup by topic.
 */
function parserOf<T extends IntegrationsTopic>(
	topic: T,
): (data: unknown) => IntegrationsEventMap[T] {
	const fast = INTEGRATIONS_EVENT_FAST_PATHS[topic] as FastPath<IntegrationsEventMap[T]>;
	const schema = INTEGRATIONS_EVENT_SCHEMAS[topic] as unknown as z.ZodType<IntegrationsEventMap[T]>;
	return (data) => fast(data) ?? schema.parse(data);
}

const parseConnected = parserOf('integrations.connection.established');
const parseDataSynced = parserOf('integrations.data.synced');
const parseApiCalled = parserOf('integrations.api.called');
const parseWebhookReceived = parserOf('integrations.webhook.received');

/**
 * Compat API: builds `{ type, data }` synchronously, throwing the caller's zod's `ZodError` on
 * invalid input and returning a fresh `data` object with unknown keys stripped, exactly as upstream.
 */
export const createIntegrationsEvent = {
	connected: (
		data: IntegrationConnectedEvent,
	): { type: 'integrations.connection.established'; data: IntegrationConnectedEvent } => ({
		type: 'integrations.connection.established' as const,
		data: parseConnected(data),
	}),
	dataSynced: (data: DataSyncEvent): { type: 'integrations.data.synced'; data: DataSyncEvent } => ({
		type: 'integrations.data.synced' as const,
		data: parseDataSynced(data),
	}),
	apiCalled: (data: ApiCallEvent): { type: 'integrations.api.called'; data: ApiCallEvent } => ({
		type: 'integrations.api.called' as const,
		data: parseApiCalled(data),
	}),
	webhookReceived: (
		data: WebhookReceivedEvent,
	): { type: 'integrations.webhook.received'; data: WebhookReceivedEvent } => ({
		type: 'integrations.webhook.received' as const,
		data: parseWebhookReceived(data),
	}),
};

import { z } from 'zod/v4';
import { INTEGRATIONS_TOPICS, type IntegrationsTopic } from './topics.js';

// Field-for-field the schemas of upstream `src/events/integrations-events.ts` (zod 3), written for
// zod 4 through `zod/v4` so that both zod majors work. Timestamps are plain strings upstream.

/** `integrations.connection.established` payload. */
export const IntegrationConnectedEventSchema = z.object({
	integrationId: z.string(),
	type: z.enum(['api', 'webhook', 'oauth', 'database', 'filesystem']),
	name: z.string(),
	endpoint: z.string().optional(),
	status: z.enum(['active', 'inactive', 'error']),
	connectedAt: z.string(),
});

/** `integrations.data.synced` payload. */
export const DataSyncEventSchema = z.object({
	integrationId: z.string(),
	syncId: z.string(),
	direction: z.enum(['inbound', 'outbound', 'bidirectional']),
	recordsProcessed: z.number().int().nonnegative(),
	status: z.enum(['started', 'completed', 'failed']),
	errorMessage: z.string().optional(),
	syncedAt: z.string(),
});

/** `integrations.api.called` payload. */
export const ApiCallEventSchema = z.object({
	integrationId: z.string(),
	method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
	endpoint: z.string(),
	statusCode: z.number().int().positive(),
	duration: z.number().int().nonnegative(),
	requestSize: z.number().int().nonnegative().optional(),
	responseSize: z.number().int().nonnegative().optional(),
	calledAt: z.string(),
});

/** `integrations.webhook.received` payload. */
export const WebhookReceivedEventSchema = z.object({
	integrationId: z.string(),
	webhookId: z.string(),
	source: z.string(),
	event: z.string(),
	payloadSize: z.number().int().nonnegative(),
	processed: z.boolean(),
	receivedAt: z.string(),
});

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

/** The payload schema of each topic. */
export const INTEGRATIONS_EVENT_SCHEMAS = Object.freeze({
	[INTEGRATIONS_TOPICS.connected]: IntegrationConnectedEventSchema,
	[INTEGRATIONS_TOPICS.dataSynced]: DataSyncEventSchema,
	[INTEGRATIONS_TOPICS.apiCalled]: ApiCallEventSchema,
	[INTEGRATIONS_TOPICS.webhookReceived]: WebhookReceivedEventSchema,
}) satisfies { readonly [T in IntegrationsTopic]: z.ZodType<IntegrationsEventMap[T]> };

/**
 * Compat API: builds `{ type, data }` synchronously, throwing the `ZodError` on invalid input and
 * returning a fresh `data` object with unknown keys stripped, exactly as upstream does.
 */
export const createIntegrationsEvent = {
	connected: (data: IntegrationConnectedEvent) => ({
		type: 'integrations.connection.established' as const,
		data: IntegrationConnectedEventSchema.parse(data),
	}),
	dataSynced: (data: DataSyncEvent) => ({
		type: 'integrations.data.synced' as const,
		data: DataSyncEventSchema.parse(data),
	}),
	apiCalled: (data: ApiCallEvent) => ({
		type: 'integrations.api.called' as const,
		data: ApiCallEventSchema.parse(data),
	}),
	webhookReceived: (data: WebhookReceivedEvent) => ({
		type: 'integrations.webhook.received' as const,
		data: WebhookReceivedEventSchema.parse(data),
	}),
};

import { z } from 'zod/v4';
import { compileFastPath, type FastPath } from './compile-fast-path.js';
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
 * Compiled fast paths of the four schemas (see {@link compileFastPath}): a certainly valid payload is
 * copied out without running Zod; anything else goes to the Zod schema, which stays the judge.
 */
export const INTEGRATIONS_EVENT_FAST_PATHS: {
	readonly [T in IntegrationsTopic]: FastPath<IntegrationsEventMap[T]>;
} = Object.freeze({
	[INTEGRATIONS_TOPICS.connected]: withFallback(IntegrationConnectedEventSchema),
	[INTEGRATIONS_TOPICS.dataSynced]: withFallback(DataSyncEventSchema),
	[INTEGRATIONS_TOPICS.apiCalled]: withFallback(ApiCallEventSchema),
	[INTEGRATIONS_TOPICS.webhookReceived]: withFallback(WebhookReceivedEventSchema),
});

function withFallback<S extends z.ZodType>(schema: S): FastPath<z.output<S>> {
	return compileFastPath(schema) ?? (() => undefined);
}

/** `schema.parse` with the fast path in front: same result, same `ZodError`, less work when valid. */
function parseWith<T extends IntegrationsTopic>(topic: T, data: unknown): IntegrationsEventMap[T] {
	return (
		INTEGRATIONS_EVENT_FAST_PATHS[topic](data) ??
		(INTEGRATIONS_EVENT_SCHEMAS[topic].parse(data) as IntegrationsEventMap[T])
	);
}

/**
 * Compat API: builds `{ type, data }` synchronously, throwing the `ZodError` on invalid input and
 * returning a fresh `data` object with unknown keys stripped, exactly as upstream does.
 */
export const createIntegrationsEvent = {
	connected: (data: IntegrationConnectedEvent) => ({
		type: 'integrations.connection.established' as const,
		data: parseWith('integrations.connection.established', data),
	}),
	dataSynced: (data: DataSyncEvent) => ({
		type: 'integrations.data.synced' as const,
		data: parseWith('integrations.data.synced', data),
	}),
	apiCalled: (data: ApiCallEvent) => ({
		type: 'integrations.api.called' as const,
		data: parseWith('integrations.api.called', data),
	}),
	webhookReceived: (data: WebhookReceivedEvent) => ({
		type: 'integrations.webhook.received' as const,
		data: parseWith('integrations.webhook.received', data),
	}),
};

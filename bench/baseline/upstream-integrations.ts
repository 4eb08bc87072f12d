// A faithful replica of upstream `@cortex-os/integrations` (jscraik/Cortex-OS @ 3d13216,
// packages/integrations/src): zod 3 schemas (through `zod/v3`), `schema.parse` per event. Used as the
// baseline of the benchmarks and as the reference of the compatibility tests. Not shipped.
import { z } from 'zod/v3';

export const IntegrationConnectedEventSchema = z.object({
	integrationId: z.string(),
	type: z.enum(['api', 'webhook', 'oauth', 'database', 'filesystem']),
	name: z.string(),
	endpoint: z.string().optional(),
	status: z.enum(['active', 'inactive', 'error']),
	connectedAt: z.string(),
});

export const DataSyncEventSchema = z.object({
	integrationId: z.string(),
	syncId: z.string(),
	direction: z.enum(['inbound', 'outbound', 'bidirectional']),
	recordsProcessed: z.number().int().nonnegative(),
	status: z.enum(['started', 'completed', 'failed']),
	errorMessage: z.string().optional(),
	syncedAt: z.string(),
});

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

export const WebhookReceivedEventSchema = z.object({
	integrationId: z.string(),
	webhookId: z.string(),
	source: z.string(),
	event: z.string(),
	payloadSize: z.number().int().nonnegative(),
	processed: z.boolean(),
	receivedAt: z.string(),
});

export const createIntegrationsEvent = {
	connected: (data: z.infer<typeof IntegrationConnectedEventSchema>) => ({
		type: 'integrations.connection.established' as const,
		data: IntegrationConnectedEventSchema.parse(data),
	}),
	dataSynced: (data: z.infer<typeof DataSyncEventSchema>) => ({
		type: 'integrations.data.synced' as const,
		data: DataSyncEventSchema.parse(data),
	}),
	apiCalled: (data: z.infer<typeof ApiCallEventSchema>) => ({
		type: 'integrations.api.called' as const,
		data: ApiCallEventSchema.parse(data),
	}),
	webhookReceived: (data: z.infer<typeof WebhookReceivedEventSchema>) => ({
		type: 'integrations.webhook.received' as const,
		data: WebhookReceivedEventSchema.parse(data),
	}),
};

// Upstream wrote `z.record(z.string())`; in zod 3 that is the same as the two-argument form.
const kind = z.enum(['webhook', 'api', 'database', 'message-queue']);
export const upstreamToolInputSchemas = {
	create_integration: z.object({
		name: z.string(),
		type: kind,
		config: z.object({
			endpoint: z.string().url().optional(),
			credentials: z.record(z.string()).optional(),
			headers: z.record(z.string()).optional(),
			retryPolicy: z
				.object({
					maxRetries: z.number().int().min(0).default(3),
					backoffMs: z.number().positive().default(1000),
				})
				.optional(),
		}),
	}),
	test_integration: z.object({
		integrationId: z.string(),
		testType: z.enum(['connectivity', 'authentication', 'full']).default('connectivity'),
	}),
	execute_integration: z.object({
		integrationId: z.string(),
		operation: z.string(),
		payload: z.record(z.unknown()).optional(),
		timeout: z.number().positive().optional(),
	}),
	list_integrations: z.object({
		type: kind.optional(),
		status: z.enum(['active', 'inactive', 'error']).optional(),
		limit: z.number().int().positive().max(100).default(20),
	}),
	monitor_integration: z.object({
		integrationId: z.string(),
		metrics: z.array(z.enum(['latency', 'success-rate', 'error-count'])).optional(),
		timeRange: z
			.object({ start: z.string().datetime().optional(), end: z.string().datetime().optional() })
			.optional(),
	}),
} as const;

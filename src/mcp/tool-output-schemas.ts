import { z } from 'zod/v4';

// Output schemas of the five tools: the MCP server returns `structuredContent` parsed by these.

const kind = z.enum(['webhook', 'api', 'database', 'message-queue']);
const status = z.enum(['active', 'inactive', 'error']);

export const IntegrationViewSchema = z.object({
	id: z.string(),
	name: z.string(),
	type: kind,
	status,
	endpoint: z.string().optional().describe('Scheme, host and path only (query string hidden)'),
	headerNames: z.array(z.string()),
	secretNames: z
		.array(z.string())
		.describe('Names of secrets held in memory; values are never returned'),
	retryPolicy: z.object({ maxRetries: z.number(), backoffMs: z.number() }).optional(),
	createdAt: z.string(),
	updatedAt: z.string(),
	lastTestedAt: z.string().optional(),
});

export const CreateIntegrationOutputSchema = z.object({ integration: IntegrationViewSchema });

export const TestCheckSchema = z.object({
	name: z.enum(['connectivity', 'authentication', 'availability']),
	passed: z.boolean(),
	statusCode: z.number().optional(),
	latencyMillis: z.number().optional(),
	message: z.string(),
});

export const TestIntegrationOutputSchema = z.object({
	integrationId: z.string(),
	testType: z.enum(['connectivity', 'authentication', 'full']),
	passed: z.boolean(),
	status: status.describe('Integration status after the test'),
	checks: z.array(TestCheckSchema),
	testedAt: z.string(),
});

export const ExecuteIntegrationOutputSchema = z.object({
	integrationId: z.string(),
	operation: z.string(),
	method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
	endpoint: z.string().describe('Scheme, host and path called (query string hidden)'),
	ok: z.boolean().describe('True for a 2xx/3xx response'),
	statusCode: z.number(),
	attempts: z.number(),
	durationMillis: z.number(),
	contentType: z.string().optional(),
	body: z.unknown().describe('Parsed JSON, or text; null when empty'),
	truncated: z.boolean().describe('True when the body was cut to the size cap'),
	responseBytes: z.number(),
	calledAt: z.string(),
});

export const ListIntegrationsOutputSchema = z.object({
	integrations: z.array(IntegrationViewSchema),
	nextCursor: z.string().optional().describe('Pass as cursor (same filters) for the next page'),
	total: z.number().describe('Integrations matching the filters'),
});

export const MonitorIntegrationOutputSchema = z.object({
	integrationId: z.string(),
	timeRange: z.object({ start: z.string().optional(), end: z.string().optional() }),
	sampleCount: z.number(),
	latency: z
		.object({
			p50Millis: z.number().nullable(),
			p95Millis: z.number().nullable(),
			p99Millis: z.number().nullable(),
		})
		.optional(),
	successRate: z.number().nullable().optional(),
	errorCount: z.number().optional(),
	windowSize: z.number().describe('Most recent calls kept per integration'),
	cachedAt: z.string(),
	cached: z.boolean(),
	ttlMillis: z.number(),
});

export type IntegrationView = z.infer<typeof IntegrationViewSchema>;
export type CreateIntegrationResult = z.infer<typeof CreateIntegrationOutputSchema>;
export type TestIntegrationResult = z.infer<typeof TestIntegrationOutputSchema>;
export type TestCheck = z.infer<typeof TestCheckSchema>;
export type ExecuteIntegrationResult = z.infer<typeof ExecuteIntegrationOutputSchema>;
export type ListIntegrationsResult = z.infer<typeof ListIntegrationsOutputSchema>;
export type MonitorIntegrationResult = z.infer<typeof MonitorIntegrationOutputSchema>;

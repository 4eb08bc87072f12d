import { z } from 'zod';

// Output schemas of the five tools: the MCP server returns `structuredContent` parsed by these. Built
// with the caller's own `zod` and declared with types that both zod majors have (see tools.ts).

/** An enum field's type: `z.ZodEnum`'s generics differ between zod 3 and zod 4. */
type ZodEnumOf<T extends string> = z.ZodType<T>;
type Opt<T extends z.ZodType> = z.ZodOptional<T>;
type NullableNumber = z.ZodNullable<z.ZodNumber>;
type Kind = ZodEnumOf<'webhook' | 'api' | 'database' | 'message-queue'>;
type Status = ZodEnumOf<'active' | 'inactive' | 'error'>;

type IntegrationViewShape = {
	id: z.ZodString;
	name: z.ZodString;
	type: Kind;
	status: Status;
	endpoint: Opt<z.ZodString>;
	headerNames: z.ZodArray<z.ZodString>;
	secretNames: z.ZodArray<z.ZodString>;
	retryPolicy: Opt<z.ZodObject<{ maxRetries: z.ZodNumber; backoffMs: z.ZodNumber }>>;
	createdAt: z.ZodString;
	updatedAt: z.ZodString;
	lastTestedAt: Opt<z.ZodString>;
};
type TestCheckShape = {
	name: ZodEnumOf<'connectivity' | 'authentication' | 'availability'>;
	passed: z.ZodBoolean;
	statusCode: Opt<z.ZodNumber>;
	latencyMillis: Opt<z.ZodNumber>;
	message: z.ZodString;
};

const kind = z.enum(['webhook', 'api', 'database', 'message-queue']);
const status = z.enum(['active', 'inactive', 'error']);

export const IntegrationViewSchema: z.ZodObject<IntegrationViewShape> = z.object({
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

export const CreateIntegrationOutputSchema: z.ZodObject<{
	integration: typeof IntegrationViewSchema;
}> = z.object({ integration: IntegrationViewSchema });

export const TestCheckSchema: z.ZodObject<TestCheckShape> = z.object({
	name: z.enum(['connectivity', 'authentication', 'availability']),
	passed: z.boolean(),
	statusCode: z.number().optional(),
	latencyMillis: z.number().optional(),
	message: z.string(),
});

export const TestIntegrationOutputSchema: z.ZodObject<{
	integrationId: z.ZodString;
	testType: ZodEnumOf<'connectivity' | 'authentication' | 'full'>;
	passed: z.ZodBoolean;
	status: Status;
	checks: z.ZodArray<typeof TestCheckSchema>;
	testedAt: z.ZodString;
}> = z.object({
	integrationId: z.string(),
	testType: z.enum(['connectivity', 'authentication', 'full']),
	passed: z.boolean(),
	status: status.describe('Integration status after the test'),
	checks: z.array(TestCheckSchema),
	testedAt: z.string(),
});

export const ExecuteIntegrationOutputSchema: z.ZodObject<{
	integrationId: z.ZodString;
	operation: z.ZodString;
	method: ZodEnumOf<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;
	endpoint: z.ZodString;
	ok: z.ZodBoolean;
	statusCode: z.ZodNumber;
	attempts: z.ZodNumber;
	durationMillis: z.ZodNumber;
	contentType: Opt<z.ZodString>;
	body: z.ZodUnknown;
	truncated: z.ZodBoolean;
	responseBytes: z.ZodNumber;
	calledAt: z.ZodString;
}> = z.object({
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

export const ListIntegrationsOutputSchema: z.ZodObject<{
	integrations: z.ZodArray<typeof IntegrationViewSchema>;
	nextCursor: Opt<z.ZodString>;
	total: z.ZodNumber;
}> = z.object({
	integrations: z.array(IntegrationViewSchema),
	nextCursor: z.string().optional().describe('Pass as cursor (same filters) for the next page'),
	total: z.number().describe('Integrations matching the filters'),
});

export const MonitorIntegrationOutputSchema: z.ZodObject<{
	integrationId: z.ZodString;
	timeRange: z.ZodObject<{ start: Opt<z.ZodString>; end: Opt<z.ZodString> }>;
	sampleCount: z.ZodNumber;
	latency: Opt<
		z.ZodObject<{ p50Millis: NullableNumber; p95Millis: NullableNumber; p99Millis: NullableNumber }>
	>;
	successRate: Opt<NullableNumber>;
	errorCount: Opt<z.ZodNumber>;
	windowSize: z.ZodNumber;
	cachedAt: z.ZodString;
	cached: z.ZodBoolean;
	ttlMillis: z.ZodNumber;
}> = z.object({
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

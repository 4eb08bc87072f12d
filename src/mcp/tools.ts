import { z } from 'zod/v4';

// The static tool catalogue of upstream `src/mcp/tools.ts`: same names, descriptions, order, input
// schemas, defaults and limits. Runnable handlers live in the runtime (`createIntegrationsRuntime`).

/**
 * Upstream (zod 3) `z.string().datetime()`: UTC only (`Z`), seconds and fraction optional, leap-year
 * aware. zod 4's `z.iso.datetime()` requires seconds, so the upstream pattern is kept verbatim.
 */
const UPSTREAM_DATETIME =
	/^((\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|(02)-(0[1-9]|1\d|2[0-8])))T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?Z$/;

const datetime = () => z.string().regex(UPSTREAM_DATETIME, { message: 'Invalid datetime' });

const IntegrationKindSchema = z.enum(['webhook', 'api', 'database', 'message-queue']);

export const CreateIntegrationInputSchema = z.object({
	name: z.string(),
	type: IntegrationKindSchema,
	config: z.object({
		endpoint: z.string().url().optional(),
		credentials: z.record(z.string(), z.string()).optional(),
		headers: z.record(z.string(), z.string()).optional(),
		retryPolicy: z
			.object({
				maxRetries: z.number().int().min(0).default(3),
				backoffMs: z.number().positive().default(1000),
			})
			.optional(),
	}),
});

export const TestIntegrationInputSchema = z.object({
	integrationId: z.string(),
	testType: z.enum(['connectivity', 'authentication', 'full']).default('connectivity'),
});

export const ExecuteIntegrationInputSchema = z.object({
	integrationId: z.string(),
	operation: z.string(),
	payload: z.record(z.string(), z.unknown()).optional(),
	timeout: z.number().positive().optional(),
});

export const ListIntegrationsInputSchema = z.object({
	type: IntegrationKindSchema.optional(),
	status: z.enum(['active', 'inactive', 'error']).optional(),
	limit: z.number().int().positive().max(100).default(20),
});

export const MonitorIntegrationInputSchema = z.object({
	integrationId: z.string(),
	metrics: z.array(z.enum(['latency', 'success-rate', 'error-count'])).optional(),
	timeRange: z
		.object({
			start: datetime().optional(),
			end: datetime().optional(),
		})
		.optional(),
});

export type CreateIntegrationInput = z.infer<typeof CreateIntegrationInputSchema>;
export type TestIntegrationInput = z.infer<typeof TestIntegrationInputSchema>;
export type ExecuteIntegrationInput = z.infer<typeof ExecuteIntegrationInputSchema>;
export type ListIntegrationsInput = z.infer<typeof ListIntegrationsInputSchema>;
export type MonitorIntegrationInput = z.infer<typeof MonitorIntegrationInputSchema>;

/** A tool's metadata, as upstream: no handler (see `createIntegrationsRuntime` for handlers). */
export interface IntegrationsTool {
	name: string;
	description: string;
	inputSchema: z.ZodType;
}

/** Upstream's static catalogue of the five tools, in upstream order. */
export const integrationsMcpTools: IntegrationsTool[] = [
	{
		name: 'create_integration',
		description: 'Create a new external system integration',
		inputSchema: CreateIntegrationInputSchema,
	},
	{
		name: 'test_integration',
		description: 'Test connectivity and functionality of an integration',
		inputSchema: TestIntegrationInputSchema,
	},
	{
		name: 'execute_integration',
		description: 'Execute an operation through an integration',
		inputSchema: ExecuteIntegrationInputSchema,
	},
	{
		name: 'list_integrations',
		description: 'List configured integrations with filtering',
		inputSchema: ListIntegrationsInputSchema,
	},
	{
		name: 'monitor_integration',
		description: 'Get monitoring data for an integration',
		inputSchema: MonitorIntegrationInputSchema,
	},
];

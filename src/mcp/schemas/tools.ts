import { z } from 'zod';

// The static tool catalogue of upstream `src/mcp/tools.ts`: same names, descriptions, order, input
// schemas, defaults and limits, built with the caller's own `zod` (the package's peer, main entry) and
// only API that zod 3.25.76 and zod 4 share (`z.record(z.string(), v)`, not zod 3's one-argument
// form). `z.string().url()` and `.datetime()` judge as the caller's zod does, as upstream would.
// Runnable handlers live in the runtime (`createIntegrationsRuntime`).

/** An enum field's type: `z.ZodEnum`'s generics differ between zod 3 and zod 4. */
type ZodEnumOf<T extends string> = z.ZodType<T>;

/** The kinds of external system a tool integration can be. */
export type IntegrationKindName = 'webhook' | 'api' | 'database' | 'message-queue';

/** Shape of `create_integration`'s input (types that both zod majors declare). */
export type CreateIntegrationInputShape = {
	name: z.ZodString;
	type: ZodEnumOf<IntegrationKindName>;
	config: z.ZodObject<{
		endpoint: z.ZodOptional<z.ZodString>;
		credentials: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodString>>;
		headers: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodString>>;
		retryPolicy: z.ZodOptional<
			z.ZodObject<{ maxRetries: z.ZodDefault<z.ZodNumber>; backoffMs: z.ZodDefault<z.ZodNumber> }>
		>;
	}>;
};
/** Shape of `test_integration`'s input. */
export type TestIntegrationInputShape = {
	integrationId: z.ZodString;
	testType: z.ZodDefault<ZodEnumOf<'connectivity' | 'authentication' | 'full'>>;
};
/** Shape of `execute_integration`'s input. */
export type ExecuteIntegrationInputShape = {
	integrationId: z.ZodString;
	operation: z.ZodString;
	payload: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
	timeout: z.ZodOptional<z.ZodNumber>;
};
/** Shape of `list_integrations`'s input. */
export type ListIntegrationsInputShape = {
	type: z.ZodOptional<ZodEnumOf<IntegrationKindName>>;
	status: z.ZodOptional<ZodEnumOf<'active' | 'inactive' | 'error'>>;
	limit: z.ZodDefault<z.ZodNumber>;
};
/** Shape of `monitor_integration`'s input. */
export type MonitorIntegrationInputShape = {
	integrationId: z.ZodString;
	metrics: z.ZodOptional<z.ZodArray<ZodEnumOf<'latency' | 'success-rate' | 'error-count'>>>;
	timeRange: z.ZodOptional<
		z.ZodObject<{ start: z.ZodOptional<z.ZodString>; end: z.ZodOptional<z.ZodString> }>
	>;
};

const IntegrationKindSchema = z.enum(['webhook', 'api', 'database', 'message-queue']);

export const CreateIntegrationInputSchema: z.ZodObject<CreateIntegrationInputShape> = z.object({
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

export const TestIntegrationInputSchema: z.ZodObject<TestIntegrationInputShape> = z.object({
	integrationId: z.string(),
	testType: z.enum(['connectivity', 'authentication', 'full']).default('connectivity'),
});

export const ExecuteIntegrationInputSchema: z.ZodObject<ExecuteIntegrationInputShape> = z.object({
	integrationId: z.string(),
	operation: z.string(),
	payload: z.record(z.string(), z.unknown()).optional(),
	timeout: z.number().positive().optional(),
});

export const ListIntegrationsInputSchema: z.ZodObject<ListIntegrationsInputShape> = z.object({
	type: IntegrationKindSchema.optional(),
	status: z.enum(['active', 'inactive', 'error']).optional(),
	limit: z.number().int().positive().max(100).default(20),
});

export const MonitorIntegrationInputSchema: z.ZodObject<MonitorIntegrationInputShape> = z.object({
	integrationId: z.string(),
	metrics: z.array(z.enum(['latency', 'success-rate', 'error-count'])).optional(),
	timeRange: z
		.object({
			start: z.string().datetime().optional(),
			end: z.string().datetime().optional(),
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

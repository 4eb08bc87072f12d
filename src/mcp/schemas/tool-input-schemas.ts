import { z } from 'zod';
import {
	CreateIntegrationInputSchema,
	type CreateIntegrationInputShape,
	ExecuteIntegrationInputSchema,
	type ExecuteIntegrationInputShape,
	ListIntegrationsInputSchema,
	type ListIntegrationsInputShape,
	MonitorIntegrationInputSchema,
	type MonitorIntegrationInputShape,
	TestIntegrationInputSchema,
	type TestIntegrationInputShape,
} from './tools.js';

// Built with the caller's own `zod` (see tools.ts). Upstream's input schemas with model-facing descriptions, plus two optional fields (`cursor`,
// `refresh`). Every field keeps upstream's type, default and bounds, so upstream inputs parse to the
// same values.

const create = CreateIntegrationInputSchema.shape;
const config = create.config.shape;

export const CreateIntegrationToolInputSchema: z.ZodObject<CreateIntegrationInputShape> =
	CreateIntegrationInputSchema.extend({
		name: create.name.describe('Human-readable name, at most 256 characters'),
		type: create.type.describe('Kind of external system'),
		config: create.config
			.extend({
				endpoint: config.endpoint.describe(
					'Base URL called by test_integration and execute_integration (http or https; no user:password@)',
				),
				credentials: config.credentials.describe(
					'Secrets, kept in memory only and never returned: token | bearerToken | accessToken (Bearer), username + password (Basic), apiKey (+ apiKeyHeader, default x-api-key), header:<Name>',
				),
				headers: config.headers.describe(
					'Headers sent with every request; values of sensitive names (authorization, cookie, *token*, *key*...) are treated as secrets',
				),
				retryPolicy: config.retryPolicy.describe(
					'Retries of idempotent requests (GET, PUT, DELETE) on transient failures (408, 429, 5xx, connection errors)',
				),
			})
			.describe('Connection settings'),
	});

const test = TestIntegrationInputSchema.shape;
export const TestIntegrationToolInputSchema: z.ZodObject<TestIntegrationInputShape> =
	TestIntegrationInputSchema.extend({
		integrationId: test.integrationId.describe('Id returned by create_integration'),
		testType: test.testType.describe(
			'connectivity: the endpoint answers; authentication: credentials are not rejected (no 401/403/407); full: both plus no 5xx',
		),
	});

const execute = ExecuteIntegrationInputSchema.shape;
export const ExecuteIntegrationToolInputSchema: z.ZodObject<ExecuteIntegrationInputShape> =
	ExecuteIntegrationInputSchema.extend({
		integrationId: execute.integrationId.describe('Id returned by create_integration'),
		operation: execute.operation.describe(
			'"<GET|POST|PUT|PATCH|DELETE> /path" relative to the endpoint, a bare method (the endpoint itself), "/path" (GET, or POST with payload), or an operation name (POST {operation, payload} to the endpoint)',
		),
		payload: execute.payload.describe(
			'JSON body for POST/PUT/PATCH and named operations; query parameters for GET/DELETE',
		),
		timeout: execute.timeout.describe(
			'Deadline of the whole call in milliseconds, retries included',
		),
	});

const list = ListIntegrationsInputSchema.shape;
export const ListIntegrationsToolInputSchema: z.ZodObject<
	ListIntegrationsInputShape & { cursor: z.ZodOptional<z.ZodString> }
> = ListIntegrationsInputSchema.extend({
	type: list.type.describe('Only integrations of this kind'),
	status: list.status.describe('Only integrations with this status (inactive until a test passes)'),
	limit: list.limit.describe('Page size, 1..100'),
	cursor: z
		.string()
		.max(256)
		.optional()
		.describe('nextCursor of the previous page, with the same filters; omit for the first page'),
});

const monitor = MonitorIntegrationInputSchema.shape;
export const MonitorIntegrationToolInputSchema: z.ZodObject<
	MonitorIntegrationInputShape & { refresh: z.ZodOptional<z.ZodBoolean> }
> = MonitorIntegrationInputSchema.extend({
	integrationId: monitor.integrationId.describe('Id returned by create_integration'),
	metrics: monitor.metrics.describe('Metrics to include; all when omitted'),
	timeRange: monitor.timeRange.describe(
		'UTC ISO 8601 bounds of the calls to include; all recent calls when omitted',
	),
	refresh: z
		.boolean()
		.optional()
		.describe(
			'Recompute now instead of serving a cached report (reports are cached briefly; see cachedAt)',
		),
});

export type CreateIntegrationToolInput = z.infer<typeof CreateIntegrationToolInputSchema>;
export type TestIntegrationToolInput = z.infer<typeof TestIntegrationToolInputSchema>;
export type ExecuteIntegrationToolInput = z.infer<typeof ExecuteIntegrationToolInputSchema>;
export type ListIntegrationsToolInput = z.infer<typeof ListIntegrationsToolInputSchema>;
export type MonitorIntegrationToolInput = z.infer<typeof MonitorIntegrationToolInputSchema>;

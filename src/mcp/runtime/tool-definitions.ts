import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import {
	CreateIntegrationOutputSchema,
	CreateIntegrationToolInputSchema,
	ExecuteIntegrationOutputSchema,
	ExecuteIntegrationToolInputSchema,
	ListIntegrationsOutputSchema,
	ListIntegrationsToolInputSchema,
	MonitorIntegrationOutputSchema,
	MonitorIntegrationToolInputSchema,
	TestIntegrationOutputSchema,
	TestIntegrationToolInputSchema,
} from '../schemas/index.js';
import type { IntegrationsToolName } from './runtime.js';

/** What the MCP server advertises for one tool. */
export interface IntegrationsToolDefinition {
	readonly name: IntegrationsToolName;
	readonly title: string;
	readonly description: string;
	readonly annotations: ToolAnnotations;
	readonly inputSchema: z.ZodType;
	readonly outputSchema: z.ZodType;
}

/** The five tools, in upstream order (the listing order). */
export const INTEGRATIONS_TOOL_DEFINITIONS: readonly IntegrationsToolDefinition[] = Object.freeze([
	{
		name: 'create_integration',
		title: 'Create integration',
		description:
			'Register an external system (API, webhook, database or queue gateway) reachable over HTTP(S). Only stores the configuration: nothing is called. Credentials are kept in memory only and are never returned. Returns the integration with its id and status "inactive"; run test_integration next.',
		annotations: {
			readOnlyHint: false,
			destructiveHint: false,
			idempotentHint: false,
			openWorldHint: false,
		},
		inputSchema: CreateIntegrationToolInputSchema,
		outputSchema: CreateIntegrationOutputSchema,
	},
	{
		name: 'test_integration',
		title: 'Test integration',
		description:
			'Send one GET to the integration endpoint (with its credentials, no retry) and report connectivity, authentication (no 401/403/407) and, for "full", availability (no 5xx). Sets the status to "active" when all checks pass, "error" otherwise. Takes up to about 10 s.',
		annotations: {
			readOnlyHint: false,
			destructiveHint: false,
			idempotentHint: true,
			openWorldHint: true,
		},
		inputSchema: TestIntegrationToolInputSchema,
		outputSchema: TestIntegrationOutputSchema,
	},
	{
		name: 'execute_integration',
		title: 'Execute integration operation',
		description:
			'Perform an HTTP request through the integration: "GET /path", "POST /path" (payload as JSON body), "DELETE /path" (payload as query), a bare method, or an operation name (POST {operation, payload}). May change data in the external system. Idempotent methods are retried on transient failures; rate limits apply. Returns status, body (JSON or text, size-capped) and timing; a 4xx/5xx is reported as an error result with the response.',
		annotations: {
			readOnlyHint: false,
			destructiveHint: true,
			idempotentHint: false,
			openWorldHint: true,
		},
		inputSchema: ExecuteIntegrationToolInputSchema,
		outputSchema: ExecuteIntegrationOutputSchema,
	},
	{
		name: 'list_integrations',
		title: 'List integrations',
		description:
			'List configured integrations in creation order, optionally filtered by type and status, up to 100 per page. When nextCursor is returned, call again with the same filters and cursor for the next page.',
		annotations: {
			readOnlyHint: true,
			destructiveHint: false,
			idempotentHint: true,
			openWorldHint: false,
		},
		inputSchema: ListIntegrationsToolInputSchema,
		outputSchema: ListIntegrationsOutputSchema,
	},
	{
		name: 'monitor_integration',
		title: 'Monitor integration',
		description:
			'Latency percentiles (p50/p95/p99 ms), success rate and error count of the most recent execute_integration calls within an optional UTC time range. Reports are cached for a few seconds (see cachedAt, cached); pass refresh: true for a fresh one.',
		annotations: {
			readOnlyHint: true,
			destructiveHint: false,
			idempotentHint: true,
			openWorldHint: false,
		},
		inputSchema: MonitorIntegrationToolInputSchema,
		outputSchema: MonitorIntegrationOutputSchema,
	},
]);

/** Server instructions sent at initialization. */
export const INTEGRATIONS_SERVER_INSTRUCTIONS =
	'Manage HTTP integrations: create_integration stores one (credentials stay server-side), test_integration checks it, execute_integration calls it, list_integrations pages through them, monitor_integration reports latency and errors. Cloud metadata and link-local addresses are always refused.';

import { type CallToolResult, McpServer, type ServerContext } from '@modelcontextprotocol/server';
import { checkInteger, checkObject, failOption } from '../../common/index.js';
import { TOOL_JSON_SCHEMAS } from '../../generated/json-schemas.js';
import type { ToolCallContext, ToolProgress } from '../context/index.js';
import type { IntegrationsRuntime } from '../runtime/index.js';
import {
	INTEGRATIONS_SERVER_INSTRUCTIONS,
	INTEGRATIONS_TOOL_DEFINITIONS,
	type IntegrationsToolDefinition,
	resultChars,
	toolErrorResult,
	toolResult,
} from '../runtime/index.js';
import { withShippedJsonSchema } from '../schemas/index.js';

/** Options of `createIntegrationsMcpServer`. */
export interface IntegrationsMcpServerOptions {
	/** Server name reported at initialization. @default '@cortex-os/integrations' */
	name?: string;
	/** Server version reported at initialization. @default '1.0.0' */
	version?: string;
	/**
	 * Tenant of a call: a fixed id, or derived from the request context (e.g. the HTTP auth info).
	 * @default the authenticated client id (`ctx.http.authInfo.clientId`), else the runtime default
	 */
	tenantId?: string | ((ctx: ServerContext) => string | undefined);
	/**
	 * Cap of a whole tool result in characters, as serialized: `structuredContent` and its text copy
	 * together. An execute body is cut to fit, a list page is served smaller, then the text copy is
	 * dropped; a result that still does not fit is an `ERR_RESULT_TOO_LARGE` error. @default 100000
	 */
	maxResultChars?: number;
}

/** Defaults of {@link IntegrationsMcpServerOptions}, applied by `createIntegrationsMcpServer` only. */
export const MCP_SERVER_DEFAULTS = Object.freeze({
	name: '@cortex-os/integrations',
	version: '1.0.0',
	maxResultChars: 100_000,
});

/**
 * Creates an MCP server (official SDK v2 `McpServer`) exposing the five tools of `runtime`, in
 * upstream order, with titles, annotations, input and output schemas (JSON Schemas generated at
 * build time), structured results, progress and cancellation. Connect it to any transport.
 */
export function createIntegrationsMcpServer(
	runtime: IntegrationsRuntime,
	options: IntegrationsMcpServerOptions = {},
): McpServer {
	if (typeof runtime?.callTool !== 'function') {
		failOption('runtime', 'an IntegrationsRuntime', runtime);
	}
	checkObject('options', options);
	const d = MCP_SERVER_DEFAULTS;
	const maxResultChars = checkInteger(
		'maxResultChars',
		options.maxResultChars ?? d.maxResultChars,
		1_000,
	);
	const server = new McpServer(
		{ name: options.name ?? d.name, version: options.version ?? d.version },
		{
			capabilities: { tools: { listChanged: false } },
			instructions: INTEGRATIONS_SERVER_INSTRUCTIONS,
		},
	);
	for (const definition of INTEGRATIONS_TOOL_DEFINITIONS) {
		registerIntegrationTool(server, runtime, definition, { ...options, maxResultChars });
	}
	return server;
}

function registerIntegrationTool(
	server: McpServer,
	runtime: IntegrationsRuntime,
	definition: IntegrationsToolDefinition,
	options: IntegrationsMcpServerOptions & { maxResultChars: number },
): void {
	const { name } = definition;
	server.registerTool(
		name,
		{
			title: definition.title,
			description: definition.description,
			annotations: { title: definition.title, ...definition.annotations },
			...standardSchemasOf(definition),
		},
		(args: unknown, ctx: ServerContext) => runTool(runtime, definition, args, ctx, options),
	);
}

type StandardSchemas = {
	inputSchema: ReturnType<typeof withShippedJsonSchema>;
	outputSchema: ReturnType<typeof withShippedJsonSchema>;
};
const standardSchemas = new Map<string, StandardSchemas>();

/**
 * A tool's input and output schemas as the SDK takes them (shipped JSON Schema, the caller's zod
 * validating), built once per process: stateless HTTP builds a server for every request.
 */
function standardSchemasOf(definition: IntegrationsToolDefinition): StandardSchemas {
	const cached = standardSchemas.get(definition.name);
	if (cached) return cached;
	const json = TOOL_JSON_SCHEMAS[definition.name];
	if (!json)
		throw new Error(`no shipped JSON Schema for tool ${definition.name} (run npm run build)`);
	const schemas = {
		inputSchema: withShippedJsonSchema(definition.inputSchema, {
			input: json.input,
			output: json.input,
		}),
		outputSchema: withShippedJsonSchema(definition.outputSchema, {
			input: json.output,
			output: json.output,
		}),
	};
	standardSchemas.set(definition.name, schemas);
	return schemas;
}

/** Runs one tool call and shapes its result within `maxResultChars` (see `toolResult`). */
async function runTool(
	runtime: IntegrationsRuntime,
	{ name, outputSchema }: IntegrationsToolDefinition,
	args: unknown,
	ctx: ServerContext,
	options: IntegrationsMcpServerOptions & { maxResultChars: number },
): Promise<CallToolResult> {
	try {
		const call = (input: unknown) =>
			runtime
				.callTool(name, input, callContext(ctx, options))
				.then((value) => outputSchema.parse(value) as Record<string, unknown>);
		let structured = await call(args);
		if (name === 'list_integrations') {
			const fits = (page: Record<string, unknown>) =>
				resultChars(name, page) <= options.maxResultChars;
			structured = await fitListPage(structured, args, call, fits);
		}
		return toolResult(name, structured, options.maxResultChars);
	} catch (error) {
		return toolErrorResult(error);
	}
}

/**
 * Keeps a `list_integrations` result within `maxResultChars` by asking again for smaller pages
 * (the `nextCursor` of a smaller page continues the listing exactly where it stops).
 */
async function fitListPage(
	page: Record<string, unknown>,
	args: unknown,
	call: (input: unknown) => Promise<Record<string, unknown>>,
	fits: (page: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
	let current = page;
	let count = (current.integrations as unknown[]).length;
	while (count > 1 && !fits(current)) {
		count = Math.floor(count / 2);
		current = await call({ ...(args as Record<string, unknown>), limit: count });
	}
	return current;
}

function callContext(ctx: ServerContext, options: IntegrationsMcpServerOptions): ToolCallContext {
	const tenant =
		typeof options.tenantId === 'function'
			? options.tenantId(ctx)
			: (options.tenantId ?? ctx.http?.authInfo?.clientId);
	return {
		...(tenant !== undefined && { tenantId: tenant }),
		signal: ctx.mcpReq.signal,
		onProgress: progressNotifier(ctx),
	};
}

function progressNotifier(ctx: ServerContext): ((progress: ToolProgress) => void) | undefined {
	const token = ctx.mcpReq._meta?.progressToken;
	if (token === undefined) return undefined;
	let last = 0;
	return (progress) => {
		if (progress.progress <= last || ctx.mcpReq.signal.aborted) return;
		last = progress.progress;
		ctx.mcpReq
			.notify({ method: 'notifications/progress', params: { progressToken: token, ...progress } })
			.catch(() => {});
	};
}

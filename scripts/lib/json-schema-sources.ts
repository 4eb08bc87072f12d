// The Zod schemas whose JSON Schemas the package ships, converted with this repository's zod 4.
// Used by scripts/generate-json-schemas.mjs (build time) and the drift test; never shipped.
import { z } from 'zod/v4';
import { INTEGRATIONS_EVENT_SCHEMAS } from '../../src/events/integrations-events.js';
import { INTEGRATIONS_TOPIC_LIST } from '../../src/events/topics.js';
import { INTEGRATIONS_TOOL_DEFINITIONS } from '../../src/mcp/runtime/tool-definitions.js';

type Json = Record<string, unknown>;

/** zod 4's JSON Schema of `schema`, as the MCP SDK would convert it (draft 2020-12). */
export function toJsonSchema(schema: unknown, io: 'input' | 'output'): Json {
	return z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io }) as Json;
}

/** Every shipped JSON Schema: the four event payloads (input) and the five tools (input, output). */
export function buildJsonSchemas(): {
	events: Record<string, Json>;
	tools: Record<string, { input: Json; output: Json }>;
} {
	const events: Record<string, Json> = {};
	for (const topic of INTEGRATIONS_TOPIC_LIST) {
		events[topic] = toJsonSchema(INTEGRATIONS_EVENT_SCHEMAS[topic], 'input');
	}
	const tools: Record<string, { input: Json; output: Json }> = {};
	for (const tool of INTEGRATIONS_TOOL_DEFINITIONS) {
		tools[tool.name] = {
			input: toJsonSchema(tool.inputSchema, 'input'),
			output: toJsonSchema(tool.outputSchema, 'output'),
		};
	}
	return { events, tools };
}

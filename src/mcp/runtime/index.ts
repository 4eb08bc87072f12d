// The runtime: the five tools behind one callTool, their definitions and result shaping.
// Entry of src/mcp/runtime/: what the rest of the package takes from it.

export type { IntegrationsRuntime, IntegrationsToolName } from './runtime.js';
export { createIntegrationsRuntime, INTEGRATIONS_TOOL_NAMES } from './runtime.js';
export type { IntegrationsToolDefinition } from './tool-definitions.js';
export {
	INTEGRATIONS_SERVER_INSTRUCTIONS,
	INTEGRATIONS_TOOL_DEFINITIONS,
} from './tool-definitions.js';
export { resultChars, toolErrorResult, toolResult } from './tool-result.js';

// What every tool call runs with: options, dependencies, call slots, deadlines, tenant access.
// Entry of src/mcp/context/: what the rest of the package takes from it.
export { CallSlots } from './call-slots.js';
export { checkedEndpoint, credentialsOf, loadIntegration } from './integration-access.js';
export { displayEndpoint, toIntegrationView } from './integration-view.js';
export { parseInput } from './parse-input.js';
export { runLimited } from './run-limited.js';
export type { RuntimeDeps } from './runtime-deps.js';
export type { ApiCallEventSink, IntegrationsRuntimeOptions } from './runtime-options.js';
export {
	RUNTIME_DEFAULTS,
	resolveRuntimeOptions,
} from './runtime-options.js';
export type { ToolCallContext, ToolProgress } from './tool-call-context.js';

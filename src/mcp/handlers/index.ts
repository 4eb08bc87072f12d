// The five tool handlers.
// Entry of src/mcp/handlers/: what the rest of the package takes from it.
export { createIntegration } from './create-integration.js';
export { CREATE_LIMITS } from './create-limits.js';
export { executeIntegration } from './execute-integration.js';
export { EXECUTE_LIMITS } from './execute-limits.js';
export { listIntegrations } from './list-integrations.js';
export { monitorIntegration } from './monitor-integration.js';
export { testIntegration } from './test-integration.js';

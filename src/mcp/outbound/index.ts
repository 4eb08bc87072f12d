// From an operation to an outbound request: the operation mapping and the tenant's pooled call.
// Entry of src/mcp/outbound/: what the rest of the package takes from it.

export type { OperationRequest } from './operation-plan.js';
export { planOperation } from './operation-plan.js';
export { sendOutbound } from './outbound-request.js';

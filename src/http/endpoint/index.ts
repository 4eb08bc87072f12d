// Which endpoints outbound HTTP may reach: protocol, host and resolved-address policy.
// Entry of src/http/endpoint/: what the rest of the package takes from it.

export type { EndpointPolicy, EndpointPolicyOptions } from './endpoint-policy.js';
export { createEndpointPolicy, ENDPOINT_POLICY_DEFAULTS } from './endpoint-policy.js';
export type { LookupFunction } from './guarded-lookup.js';
export { createGuardedLookup } from './guarded-lookup.js';

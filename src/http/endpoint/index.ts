// Entry of src/http/endpoint/: what the rest of the package takes from it.

export type { EndpointPolicy, EndpointPolicyOptions } from './endpoint-policy.js';
export { createEndpointPolicy } from './endpoint-policy.js';
export type { LookupFunction } from './guarded-lookup.js';
export { createGuardedLookup } from './guarded-lookup.js';

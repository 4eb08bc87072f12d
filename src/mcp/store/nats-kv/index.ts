// The NATS JetStream KV store for N replicas: watch-fed cache, CAS updates, sealed secrets.
// Entry of src/mcp/store/nats-kv/: what the rest of the package takes from it.

export type { NatsKvIntegrationStore } from './nats-kv-integration-store.js';
export { createNatsKvIntegrationStore } from './nats-kv-integration-store.js';
export type { NatsKvIntegrationStoreOptions } from './nats-kv-options.js';
export { NATS_KV_STORE_DEFAULTS } from './nats-kv-options.js';
export type { SecretKeySource } from './secret-box.js';

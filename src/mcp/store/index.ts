// Where integrations are kept: the store contract, the in-memory store, cursors, quotas.
// Entry of src/mcp/store/: what the rest of the package takes from it.
export type {
	IntegrationKind,
	IntegrationListPage,
	IntegrationListQuery,
	IntegrationRecord,
	IntegrationSecrets,
	IntegrationStatus,
	IntegrationStatusUpdate,
	IntegrationStore,
} from './integration-store.js';
export type { MemoryIntegrationStoreOptions } from './memory-integration-store.js';
export { createMemoryIntegrationStore } from './memory-integration-store.js';
export type {
	NatsKvIntegrationStore,
	NatsKvIntegrationStoreOptions,
	SecretKeySource,
} from './nats-kv/index.js';
export {
	createNatsKvIntegrationStore,
	NATS_KV_STORE_DEFAULTS,
} from './nats-kv/index.js';
export type { StorageQuota } from './storage-quota.js';
export { createStorageQuota } from './storage-quota.js';
export type { UnsealFailure } from './store-errors.js';
export {
	StoreConflictError,
	StoreUnavailableError,
	StoreValueTooLargeError,
	UnsealError,
} from './store-errors.js';

import { QuotaExceededError } from '../runtime-errors.js';

/** Bytes held for integrations, per tenant and in all (there is no delete: they only grow). */
export interface StorageQuota {
	/** Counts `bytes` for `tenantId`, or throws `QuotaExceededError` (counting nothing). */
	reserve(tenantId: string, bytes: number): void;
	/** Gives back a reservation whose integration was not stored after all. */
	release(tenantId: string, bytes: number): void;
	/** Bytes counted for a tenant, or in all when `tenantId` is omitted. */
	usedBytes(tenantId?: string): number;
}

/** Creates the ledger behind `maxTenantBytes` and `maxStoredBytes`. */
export function createStorageQuota(limits: {
	readonly maxTenantBytes: number;
	readonly maxStoredBytes: number;
}): StorageQuota {
	const byTenant = new Map<string, number>();
	let total = 0;
	return {
		reserve(tenantId, bytes) {
			const tenantBytes = (byTenant.get(tenantId) ?? 0) + bytes;
			if (tenantBytes > limits.maxTenantBytes) {
				throw new QuotaExceededError('tenant', limits.maxTenantBytes);
			}
			if (total + bytes > limits.maxStoredBytes) {
				throw new QuotaExceededError('runtime', limits.maxStoredBytes);
			}
			byTenant.set(tenantId, tenantBytes);
			total += bytes;
		},
		release(tenantId, bytes) {
			const left = (byTenant.get(tenantId) ?? 0) - bytes;
			if (left > 0) byTenant.set(tenantId, left);
			else byTenant.delete(tenantId);
			total = Math.max(0, total - bytes);
		},
		usedBytes: (tenantId) => (tenantId === undefined ? total : (byTenant.get(tenantId) ?? 0)),
	};
}

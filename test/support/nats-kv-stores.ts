import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import {
	createNatsKvIntegrationStore,
	type IntegrationRecord,
	type NatsKvIntegrationStore,
	type NatsKvIntegrationStoreOptions,
} from '../../src/mcp/index.js';

// Helpers of the NATS KV store tests: keys, bucket names, records, and stores that `afterEach`
// closes.

export const newKey = () => randomBytes(32).toString('base64');

let bucketCount = 0;
/** A bucket name of its own for each test (the server is shared by a file's tests). */
export const freshBucket = () => `t${process.pid}_${++bucketCount}`;

export const record = (
	n: number,
	overrides: Partial<IntegrationRecord> = {},
): IntegrationRecord => ({
	id: `int_${String(n).padStart(6, '0')}`,
	tenantId: 't1',
	name: `n${n}`,
	type: 'api',
	status: 'inactive',
	headers: {},
	secretNames: [],
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	...overrides,
});

/** Opens stores that `afterEach` closes (a test may close one earlier: close() runs once). */
export function useStores() {
	const open: NatsKvIntegrationStore[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((store) => store.close()));
	});
	return async (options: NatsKvIntegrationStoreOptions): Promise<NatsKvIntegrationStore> => {
		const store = await createNatsKvIntegrationStore({ timeoutMillis: 2_000, ...options });
		open.push(store);
		return store;
	};
}

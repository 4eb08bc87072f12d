import type { RetryPolicy } from '../../http/index.js';

export type IntegrationKind = 'webhook' | 'api' | 'database' | 'message-queue';
export type IntegrationStatus = 'active' | 'inactive' | 'error';
type MaybePromise<T> = T | Promise<T>;

/**
 * A stored integration. It never holds secrets: credentials and sensitive headers reach a store
 * only as `IntegrationSecrets`, and only a store that keeps them sealed asks for them (`getSecrets`).
 */
export interface IntegrationRecord {
	readonly id: string;
	readonly tenantId: string;
	readonly name: string;
	readonly type: IntegrationKind;
	/** `inactive` until a test passes (`active`) or fails (`error`). */
	readonly status: IntegrationStatus;
	/** The configured endpoint as given (never with `user:password@`). */
	readonly endpoint?: string;
	/** Non-sensitive headers sent with every request. */
	readonly headers: Readonly<Record<string, string>>;
	/** Names, never values, of the credentials and sensitive headers held in memory. */
	readonly secretNames: readonly string[];
	readonly retryPolicy?: RetryPolicy;
	readonly createdAt: string;
	readonly updatedAt: string;
	readonly lastTestedAt?: string;
}

export interface IntegrationListQuery {
	readonly tenantId: string;
	readonly type?: IntegrationKind;
	readonly status?: IntegrationStatus;
	/** 1..100. */
	readonly limit: number;
	/** Opaque position returned as `nextCursor` by a previous page with the same filters. */
	readonly cursor?: string;
}

export interface IntegrationListPage {
	/** In creation order. */
	readonly items: readonly IntegrationRecord[];
	/** Present when more items follow. */
	readonly nextCursor?: string;
	/** Integrations matching the filters. */
	readonly total: number;
}

/**
 * The secret part of an integration: what the runtime sends and redacts. A store shared between
 * processes keeps it sealed (never in clear); the in-memory store never receives it.
 */
export interface IntegrationSecrets {
	/** Headers sent with every request: credential-derived and sensitive configured headers. */
	readonly headers: Readonly<Record<string, string>>;
	/** Every secret value to redact from results (credentials, `user:password`, header values). */
	readonly values: readonly string[];
}

export interface IntegrationStatusUpdate {
	readonly status: IntegrationStatus;
	readonly updatedAt: string;
	readonly lastTestedAt: string;
}

/**
 * Where integrations are kept. Methods may be synchronous or return promises. Lists are in creation
 * order with stable cursors: items created after a cursor was issued appear on later pages, and no
 * item is repeated or skipped while paging.
 */
export interface IntegrationStore {
	/**
	 * Adds a new record; throws `StoreFullError` at capacity. `secrets` is given only to a store
	 * with `getSecrets`, which must keep them sealed.
	 */
	insert(record: IntegrationRecord, secrets?: IntegrationSecrets): MaybePromise<void>;
	/** The record, or `undefined` when absent or owned by another tenant. */
	get(tenantId: string, id: string): MaybePromise<IntegrationRecord | undefined>;
	/** Updates the status after a test; returns the new record, or `undefined` when absent. */
	updateStatus(
		tenantId: string,
		id: string,
		update: IntegrationStatusUpdate,
	): MaybePromise<IntegrationRecord | undefined>;
	/** One page; throws `InvalidCursorError` for a foreign or malformed cursor. */
	list(query: IntegrationListQuery): MaybePromise<IntegrationListPage>;
	/**
	 * Optional, for stores shared between processes: the secrets given to `insert` (`undefined` when
	 * it had none, or the record is absent or another tenant's). With it, a runtime whose memory lacks
	 * an integration's credentials (another replica created it, or it restarted) reads them here;
	 * without it, credentials live only in the memory of the runtime that created the integration.
	 */
	getSecrets?(tenantId: string, id: string): MaybePromise<IntegrationSecrets | undefined>;
	/** Optional: resolves when the store is reachable, rejects when not (`GET /healthz` → 200/503). */
	ping?(): Promise<void>;
}

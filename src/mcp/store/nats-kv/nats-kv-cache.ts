import { FilterIndex, type IndexedEntry } from '../filter-index.js';
import type { IntegrationListPage, IntegrationListQuery } from '../integration-store.js';
import { listPage } from '../memory-integration-store.js';
import type { OpenedValue } from './nats-kv-value.js';

/** A cached integration: the record in clear, its secrets still sealed, and the KV revision. */
export interface CachedIntegration extends IndexedEntry {
	revision: number;
	secrets: string | undefined;
	keyId: string;
}

/**
 * This replica's copy of the bucket, fed by the KV watch in revision order: a map by id plus the
 * memory store's filter indexes keyed by creation revision, so a page is a binary search and a
 * slice, and a cursor means the same position on every replica.
 */
export class KvRecordCache {
	readonly #byId = new Map<string, CachedIntegration>();
	/** Ids deleted on the bucket (by an operator), with the revision of the delete. */
	readonly #deleted = new Map<string, number>();
	readonly #index = new FilterIndex();

	get size(): number {
		return this.#byId.size;
	}

	/** Every cached integration (for re-sealing after a key rotation). */
	entries(): IterableIterator<CachedIntegration> {
		return this.#byId.values();
	}

	/** The revision the cache holds for `id` (0 when absent). */
	revisionOf(id: string): number {
		return this.#byId.get(id)?.revision ?? this.#deleted.get(id) ?? 0;
	}

	/** The tenant's integration, or `undefined`. */
	find(tenantId: string, id: string): CachedIntegration | undefined {
		const entry = this.#byId.get(id);
		return entry?.record.tenantId === tenantId ? entry : undefined;
	}

	/** Applies a value read at `revision`; a revision not newer than the cached one is ignored. */
	put(id: string, revision: number, value: OpenedValue): void {
		if (revision <= this.revisionOf(id)) return;
		const entry = this.#byId.get(id);
		if (!entry) {
			const added: CachedIntegration = { ...value, revision };
			this.#byId.set(id, added);
			this.#index.add(added);
			return;
		}
		const from = entry.record.status;
		entry.record = value.record;
		entry.revision = revision;
		entry.secrets = value.secrets;
		entry.keyId = value.keyId;
		if (from !== value.record.status) this.#index.moveStatus(entry, from);
	}

	/** Applies values of the initial load in creation order (appends, never splices). */
	load(values: ReadonlyArray<{ id: string; revision: number; value: OpenedValue }>): void {
		const ordered = [...values].sort((a, b) => a.value.seq - b.value.seq);
		for (const { id, revision, value } of ordered) this.put(id, revision, value);
	}

	/** Drops an integration deleted on the bucket at `revision`. */
	remove(id: string, revision: number): void {
		if (revision <= this.revisionOf(id)) return;
		const entry = this.#byId.get(id);
		this.#deleted.set(id, revision);
		if (!entry) return;
		this.#byId.delete(id);
		const { tenantId, type, status } = entry.record;
		for (const [t, s] of [
			[undefined, undefined],
			[type, undefined],
			[undefined, status],
			[type, status],
		] as const) {
			this.#index.find(tenantId, t, s)?.remove(entry);
		}
	}

	list(query: IntegrationListQuery): IntegrationListPage {
		return listPage(this.#index, query);
	}
}

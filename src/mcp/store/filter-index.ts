import type { IntegrationRecord, IntegrationStatus } from './integration-store.js';
import { SeqList } from './seq-list.js';

/** A stored record with its insertion sequence number (the record is replaced on update). */
export interface IndexedEntry {
	readonly seq: number;
	record: IntegrationRecord;
}

const ANY = '*';

/**
 * Insertion-ordered lists per tenant × filter combination (none, type, status, type+status): every
 * `list_integrations` filter maps to exactly one list, so no page ever scans or sorts.
 */
export class FilterIndex {
	readonly #lists = new Map<string, SeqList<IndexedEntry>>();

	/** The filter signature a cursor is bound to. */
	static signature(type: string | undefined, status: string | undefined): string {
		return `${type ?? ANY}|${status ?? ANY}`;
	}

	add(entry: IndexedEntry): void {
		const { tenantId, type, status } = entry.record;
		this.#list(tenantId, ANY, ANY, true)?.insert(entry);
		this.#list(tenantId, type, ANY, true)?.insert(entry);
		this.#linkStatus(entry, status);
	}

	/** Moves an entry from its `from` status lists to the lists of its current record status. */
	moveStatus(entry: IndexedEntry, from: IntegrationStatus): void {
		const { tenantId, type } = entry.record;
		this.#list(tenantId, ANY, from, false)?.remove(entry);
		this.#list(tenantId, type, from, false)?.remove(entry);
		this.#linkStatus(entry, entry.record.status);
	}

	/** The list for a filter combination, or `undefined` when nothing ever matched it. */
	find(
		tenantId: string,
		type: string | undefined,
		status: string | undefined,
	): SeqList<IndexedEntry> | undefined {
		return this.#list(tenantId, type ?? ANY, status ?? ANY, false);
	}

	#linkStatus(entry: IndexedEntry, status: IntegrationStatus): void {
		const { tenantId, type } = entry.record;
		this.#list(tenantId, ANY, status, true)?.insert(entry);
		this.#list(tenantId, type, status, true)?.insert(entry);
	}

	#list(tenantId: string, type: string, status: string, create: boolean) {
		const key = `${tenantId}\u0000${type}\u0000${status}`;
		let list = this.#lists.get(key);
		if (!list && create) {
			list = new SeqList<IndexedEntry>();
			this.#lists.set(key, list);
		}
		return list;
	}
}

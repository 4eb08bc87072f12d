import { StoreFullError } from '../runtime-errors.js';
import { FilterIndex, type IndexedEntry } from './filter-index.js';
import type {
	IntegrationListPage,
	IntegrationListQuery,
	IntegrationRecord,
	IntegrationStatusUpdate,
	IntegrationStore,
} from './integration-store.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';

/** Options of the default, in-memory integration store. */
export interface MemoryIntegrationStoreOptions {
	/**
	 * Maximum integrations kept (all tenants); `insert` throws `StoreFullError` beyond it. A record
	 * takes about 1 KB plus its headers, so the default bounds the store near 100 MB.
	 * @default 100000
	 */
	maxIntegrations?: number;
}

/**
 * The default store: a map by id plus insertion-ordered indexes per tenant × filter combination,
 * so a page is a binary search and a slice, however many integrations are stored.
 */
export function createMemoryIntegrationStore(
	options: MemoryIntegrationStoreOptions = {},
): IntegrationStore {
	const maxIntegrations = options.maxIntegrations ?? 100_000;
	const byId = new Map<string, IndexedEntry>();
	const index = new FilterIndex();
	let nextSeq = 1;
	const entryOf = (tenantId: string, id: string) => {
		const entry = byId.get(id);
		return entry?.record.tenantId === tenantId ? entry : undefined;
	};
	return {
		insert(record) {
			if (byId.size >= maxIntegrations) throw new StoreFullError(maxIntegrations);
			const entry: IndexedEntry = { seq: nextSeq++, record: frozenCopy(record) };
			byId.set(record.id, entry);
			index.add(entry);
		},
		get: (tenantId, id) => entryOf(tenantId, id)?.record,
		updateStatus(tenantId, id, update) {
			const entry = entryOf(tenantId, id);
			if (!entry) return undefined;
			const from = entry.record.status;
			entry.record = frozenCopy(entry.record, update);
			if (from !== update.status) index.moveStatus(entry, from);
			return entry.record;
		},
		list: (query) => listPage(index, query),
	};
}

/**
 * A frozen copy. Not `Object.freeze({ ...record })`: V8 gives each frozen spread clone a map of its
 * own, so reading 100k of them turns every access megamorphic (a 100-item page cost ~8× more).
 */
function frozenCopy(
	record: IntegrationRecord,
	update?: IntegrationStatusUpdate,
): IntegrationRecord {
	return Object.freeze(Object.assign({}, record, update));
}

/** One page of the list matching `query`, from insertion-ordered filter indexes. */
export function listPage(index: FilterIndex, query: IntegrationListQuery): IntegrationListPage {
	const filter = FilterIndex.signature(query.type, query.status);
	const afterSeq = query.cursor === undefined ? 0 : decodeCursor(query.cursor, filter).afterSeq;
	const list = index.find(query.tenantId, query.type, query.status);
	if (!list) return { items: [], total: 0 };
	const page = list.pageAfter(afterSeq, query.limit);
	const items = page.items.map((entry) => entry.record);
	const last = page.items[page.items.length - 1];
	if (!page.hasMore || !last) return { items, total: list.length };
	return { items, total: list.length, nextCursor: encodeCursor({ filter, afterSeq: last.seq }) };
}

import type { IntegrationKind, IntegrationStatus, IntegrationStore } from '../../src/mcp/index.js';

/**
 * The ids of tenant `t1`'s integrations matching `query`, following `nextCursor` page by page
 * (`limit` a page) from `startCursor` (or the first page) to the end.
 */
export async function listAllIds(
	store: IntegrationStore,
	query: { type?: IntegrationKind; status?: IntegrationStatus },
	limit: number,
	startCursor?: string,
): Promise<string[]> {
	const ids: string[] = [];
	let cursor = startCursor;
	for (let pages = 0; pages < 10_000; pages++) {
		const page = await store.list({ tenantId: 't1', limit, cursor, ...query });
		ids.push(...page.items.map((r) => r.id));
		if (!page.nextCursor) return ids;
		cursor = page.nextCursor;
	}
	throw new Error('pagination did not end');
}

import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import { parseInput, toIntegrationView } from '../context/index.js';
import type { ListIntegrationsResult } from '../schemas/index.js';
import { ListIntegrationsToolInputSchema } from '../schemas/index.js';

const TOOL = 'list_integrations';

/**
 * One page of the tenant's integrations in creation order, filtered by type and status. `nextCursor`
 * (opaque, stable) continues the same filters; new integrations appear on later pages.
 */
export async function listIntegrations(
	deps: RuntimeDeps,
	input: unknown,
	context: ToolCallContext,
): Promise<ListIntegrationsResult> {
	const parsed = parseInput(TOOL, ListIntegrationsToolInputSchema, input);
	const page = await deps.store.list({
		tenantId: context.tenantId ?? deps.options.defaultTenantId,
		type: parsed.type,
		status: parsed.status,
		limit: parsed.limit,
		cursor: parsed.cursor,
	});
	const result: ListIntegrationsResult = {
		integrations: page.items.map(toIntegrationView),
		total: page.total,
	};
	if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
	return result;
}

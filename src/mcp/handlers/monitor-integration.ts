import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import { loadIntegration, parseInput } from '../context/index.js';
import type { MonitorMetric } from '../monitor/index.js';
import { InvalidInputError } from '../runtime-errors.js';
import type { MonitorIntegrationResult } from '../schemas/index.js';
import { MonitorIntegrationToolInputSchema } from '../schemas/index.js';

const TOOL = 'monitor_integration';
const ALL_METRICS: readonly MonitorMetric[] = ['latency', 'success-rate', 'error-count'];

/**
 * Latency percentiles, success rate and error count of the integration's recent executed calls
 * within `timeRange`. Reports are cached for `monitorCacheTtlMillis` (`cached`, `cachedAt`);
 * `refresh: true` recomputes.
 */
export async function monitorIntegration(
	deps: RuntimeDeps,
	input: unknown,
	context: ToolCallContext,
): Promise<MonitorIntegrationResult> {
	const parsed = parseInput(TOOL, MonitorIntegrationToolInputSchema, input);
	const tenantId = context.tenantId ?? deps.options.defaultTenantId;
	const start = parsed.timeRange?.start;
	const end = parsed.timeRange?.end;
	if (start !== undefined && end !== undefined && Date.parse(start) > Date.parse(end)) {
		throw new InvalidInputError(TOOL, [
			{ path: 'timeRange', message: 'start must not be after end' },
		]);
	}
	await loadIntegration(deps, tenantId, parsed.integrationId);
	const metrics = parsed.metrics?.length ? [...new Set(parsed.metrics)].sort() : ALL_METRICS;
	return deps.monitor.report({
		tenantId,
		integrationId: parsed.integrationId,
		...(start !== undefined && { start }),
		...(end !== undefined && { end }),
		metrics,
		refresh: parsed.refresh ?? false,
	});
}

import type { IntegrationsErrorCode } from '../../common/index.js';
import { IntegrationsError } from '../../common/index.js';
import type { HttpResponseSnapshot } from '../../http/index.js';
import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import {
	checkedEndpoint,
	credentialsOf,
	loadIntegration,
	parseInput,
	runLimited,
} from '../context/index.js';
import { sendOutbound } from '../outbound/index.js';
import type { TestCheck, TestIntegrationResult } from '../schemas/index.js';
import { TestIntegrationToolInputSchema } from '../schemas/index.js';
import type { IntegrationRecord } from '../store/index.js';
import { deriveChecks, type ProbeResult } from './test-checks.js';

const TOOL = 'test_integration';
const NO_RETRY = Object.freeze({ maxRetries: 0, backoffMillis: 1 });

/**
 * Probes the endpoint once (`GET` with the integration's headers and credentials, no retry) and
 * derives the requested checks from that one response; the status becomes `active` when every check
 * passes and `error` otherwise. Probe failures are results, not errors; a denied endpoint, an
 * unknown id or a cancellation are errors.
 */
export async function testIntegration(
	deps: RuntimeDeps,
	input: unknown,
	context: ToolCallContext,
): Promise<TestIntegrationResult> {
	const parsed = parseInput(TOOL, TestIntegrationToolInputSchema, input);
	const tenantId = context.tenantId ?? deps.options.defaultTenantId;
	const record = await loadIntegration(deps, tenantId, parsed.integrationId);
	const url = checkedEndpoint(deps, record);
	context.onProgress?.({ progress: 1, message: `probing ${url.host}` });
	const probe = await probeEndpoint(deps, record, url, context);
	const checks: TestCheck[] = deriveChecks(parsed.testType, probe, record.secretNames.length > 0);
	const passed = checks.every((check) => check.passed);
	const testedAt = new Date(deps.options.now()).toISOString();
	const update = {
		status: passed ? 'active' : 'error',
		updatedAt: testedAt,
		lastTestedAt: testedAt,
	} as const;
	const updated = await deps.store.updateStatus(tenantId, record.id, update);
	context.onProgress?.({ progress: 2, total: 2, message: passed ? 'passed' : 'failed' });
	return {
		integrationId: record.id,
		testType: parsed.testType,
		passed,
		status: updated?.status ?? update.status,
		checks,
		testedAt,
	};
}

async function probeEndpoint(
	deps: RuntimeDeps,
	record: IntegrationRecord,
	url: URL,
	context: ToolCallContext,
): Promise<ProbeResult> {
	const credentials = await credentialsOf(deps, record);
	const startedAt = deps.monotonicNow();
	const latency = () => Math.round(deps.monotonicNow() - startedAt);
	try {
		const timeoutMillis = deps.options.testTimeoutMillis;
		const outcome = await runLimited(deps, context, record.tenantId, timeoutMillis, (deadline) =>
			sendOutbound(
				deps,
				record,
				credentials,
				{ method: 'GET', url },
				{ deadline, retryPolicy: NO_RETRY },
			),
		);
		return { response: summarize(outcome.response), latencyMillis: latency() };
	} catch (error) {
		if (isFatal(error)) throw error;
		return { failure: describeFailure(error), latencyMillis: latency() };
	}
}

function summarize(response: HttpResponseSnapshot): { statusCode: number } {
	return { statusCode: response.statusCode };
}

/** Codes of the errors that end the test instead of failing a check. */
const FATAL_CODES: ReadonlySet<IntegrationsErrorCode> = new Set<IntegrationsErrorCode>([
	'ERR_ABORTED',
	'ERR_ENDPOINT_DENIED',
	'ERR_RUNTIME_CLOSED',
	'ERR_OVERLOADED',
	'ERR_CREDENTIALS_UNAVAILABLE',
]);

/** Errors that end the test instead of failing a check: a cancellation, a denied endpoint... */
function isFatal(error: unknown): boolean {
	return error instanceof IntegrationsError && FATAL_CODES.has(error.code);
}

function describeFailure(error: unknown): string {
	if (error instanceof IntegrationsError) return `${error.code}: ${error.message}`;
	return 'the request failed without an HTTP response';
}

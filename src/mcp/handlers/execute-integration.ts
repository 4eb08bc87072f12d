import type { Deadline, ExecutionOutcome } from '../../http/index.js';
import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import {
	checkedEndpoint,
	credentialsOf,
	displayEndpoint,
	loadIntegration,
	parseInput,
	runLimited,
} from '../context/index.js';
import type { SealedCredentials } from '../credentials/index.js';
import { type OperationRequest, planOperation, sendOutbound } from '../outbound/index.js';
import { InvalidInputError } from '../runtime-errors.js';
import type { ExecuteIntegrationResult } from '../schemas/index.js';
import {
	type ExecuteIntegrationToolInput,
	ExecuteIntegrationToolInputSchema,
} from '../schemas/index.js';
import type { IntegrationRecord } from '../store/index.js';
import { emitApiCalled } from './emit-api-called.js';
import { validateExecuteLimits } from './execute-limits.js';
import { buildExecuteResult } from './execute-result.js';

const TOOL = 'execute_integration';

/**
 * Performs an operation over HTTP (see `planOperation` for the mapping) through the tenant's pooled
 * client, under the concurrency limit, the integration's rate limit, its retry policy and the call's
 * deadline. Any HTTP status is a result (`ok` tells 2xx/3xx); no response is an error. Each call is
 * recorded for `monitor_integration`, and a call with a response emits `integrations.api.called`.
 */
export async function executeIntegration(
	deps: RuntimeDeps,
	input: unknown,
	context: ToolCallContext,
): Promise<ExecuteIntegrationResult> {
	const parsed = parseInput(TOOL, ExecuteIntegrationToolInputSchema, input);
	const issues = validateExecuteLimits(parsed);
	if (issues.length > 0) throw new InvalidInputError(TOOL, issues);
	const timeoutMillis = resolveTimeout(deps, parsed);
	const tenantId = context.tenantId ?? deps.options.defaultTenantId;
	const record = await loadIntegration(deps, tenantId, parsed.integrationId);
	const endpoint = checkedEndpoint(deps, record);
	const request = planOperation(endpoint, parsed.operation, parsed.payload);
	checkRequestSize(deps, request);
	deps.policy.checkUrl(request.url);
	const credentials = await credentialsOf(deps, record);
	const startedAt = deps.monotonicNow();
	let outcome: ExecutionOutcome;
	try {
		outcome = await runLimited(deps, context, tenantId, timeoutMillis, (deadline) =>
			send(deps, record, request, deadline, context, credentials),
		);
	} catch (error) {
		deps.monitor.record(record.id, deps.monotonicNow() - startedAt, false);
		throw error;
	}
	const durationMillis = deps.monotonicNow() - startedAt;
	const result = buildExecuteResult(deps, record, parsed.operation, request, outcome, {
		durationMillis,
		redact: credentials.redactor(),
	});
	deps.monitor.record(record.id, durationMillis, result.ok);
	emitApiCalled(deps, result, request);
	context.onProgress?.({
		progress: outcome.attempts + 2,
		total: outcome.attempts + 2,
		message: `HTTP ${result.statusCode} after ${outcome.attempts} attempt(s)`,
	});
	return result;
}

function send(
	deps: RuntimeDeps,
	record: IntegrationRecord,
	request: OperationRequest,
	deadline: Deadline,
	context: ToolCallContext,
	credentials: SealedCredentials,
): Promise<ExecutionOutcome> {
	const where = `${request.method} ${displayEndpoint(request.url)}`;
	context.onProgress?.({ progress: 1, message: `started ${where}` });
	return sendOutbound(deps, record, credentials, request, {
		deadline,
		retryPolicy: record.retryPolicy ?? deps.options.defaultRetryPolicy,
		onAttempt: (attempt, max) =>
			context.onProgress?.({
				progress: attempt + 1,
				message: `attempt ${attempt}/${max}: ${where}`,
			}),
	});
}

function resolveTimeout(deps: RuntimeDeps, input: ExecuteIntegrationToolInput): number {
	if (input.timeout === undefined) return deps.options.defaultTimeoutMillis;
	if (input.timeout > deps.options.maxTimeoutMillis) {
		throw new InvalidInputError(TOOL, [
			{ path: 'timeout', message: `must be at most ${deps.options.maxTimeoutMillis} ms` },
		]);
	}
	return Math.ceil(input.timeout);
}

function checkRequestSize(deps: RuntimeDeps, request: OperationRequest): void {
	if (request.body === undefined) return;
	if (Buffer.byteLength(request.body) <= deps.options.maxRequestBytes) return;
	throw new InvalidInputError(TOOL, [
		{
			path: 'payload',
			message: `must serialize to at most ${deps.options.maxRequestBytes} bytes of JSON`,
		},
	]);
}

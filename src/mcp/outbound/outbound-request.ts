import type { Deadline, RetryPolicy } from '../../http/index.js';
import {
	type ExecutionOutcome,
	executeWithRetry,
	RESERVED_HEADER_NAMES,
} from '../../http/index.js';
import type { RuntimeDeps } from '../context/index.js';
import type { SealedCredentials } from '../credentials/index.js';
import type { IntegrationRecord } from '../store/index.js';
import type { OperationRequest } from './operation-plan.js';

const USER_AGENT = 'cortex-integrations';

/** Sends an operation request through the pool of the integration's tenant and credential set. */
export function sendOutbound(
	deps: RuntimeDeps,
	record: IntegrationRecord,
	credentials: SealedCredentials,
	request: OperationRequest,
	options: {
		readonly deadline: Deadline;
		readonly retryPolicy: RetryPolicy;
		readonly onAttempt?: (attempt: number, maxAttempts: number) => void;
	},
): Promise<ExecutionOutcome> {
	const lease = deps.agents.lease(record.tenantId, credentials.poolKey);
	return executeWithRetry(
		{
			plan: {
				method: request.method,
				url: request.url,
				headers: requestHeaders(record, credentials, request),
				body: request.body,
			},
			dispatcher: lease.dispatcher,
			rateLimitKey: record.id,
			retryPolicy: options.retryPolicy,
			deadline: options.deadline,
			onAttempt: options.onAttempt,
		},
		deps.executor,
	).finally(lease.release);
}

/**
 * Defaults, then the integration's headers, then its credentials. Headers the client sets itself
 * (`host`, hop-by-hop) are dropped even when a custom store holds them: they are refused at create.
 */
function requestHeaders(
	record: IntegrationRecord,
	credentials: SealedCredentials,
	request: OperationRequest,
): Record<string, string> {
	const headers: Record<string, string> = {
		accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
		'user-agent': USER_AGENT,
	};
	for (const source of [record.headers, credentials.headers()]) {
		for (const [name, value] of Object.entries(source)) {
			if (!RESERVED_HEADER_NAMES.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
		}
	}
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	return headers;
}

import type { Deadline } from '../http/deadline.js';
import { type ExecutionOutcome, executeWithRetry } from '../http/request-executor.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { SealedCredentials } from './credentials/credential-vault.js';
import type { OperationRequest } from './operation-plan.js';
import type { RuntimeDeps } from './runtime-deps.js';
import type { IntegrationRecord } from './store/integration-store.js';

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
	const headers: Record<string, string> = {
		accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
		'user-agent': USER_AGENT,
		...record.headers,
		...credentials.headers(),
	};
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	return executeWithRetry(
		{
			plan: { method: request.method, url: request.url, headers, body: request.body },
			dispatcher: deps.agents.get(record.tenantId, credentials.poolKey),
			rateLimitKey: record.id,
			retryPolicy: options.retryPolicy,
			deadline: options.deadline,
			onAttempt: options.onAttempt,
		},
		deps.executor,
	);
}

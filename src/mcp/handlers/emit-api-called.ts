import type { ApiCallEvent } from '../../events/index.js';
import type { RuntimeDeps } from '../context/index.js';
import type { OperationRequest } from '../outbound/index.js';
import type { ExecuteIntegrationResult } from '../schemas/index.js';

/**
 * Emits `integrations.api.called` through `options.events` (when set). The endpoint is scheme, host
 * and path only. A throwing or rejecting sink is logged, never propagated to the call.
 */
export function emitApiCalled(
	deps: RuntimeDeps,
	result: ExecuteIntegrationResult,
	request: OperationRequest,
): void {
	const sink = deps.events;
	if (!sink) return;
	const event: ApiCallEvent = {
		integrationId: result.integrationId,
		method: result.method,
		endpoint: result.endpoint,
		statusCode: result.statusCode,
		duration: Math.round(result.durationMillis),
		requestSize: request.body === undefined ? 0 : Buffer.byteLength(request.body),
		responseSize: result.responseBytes,
		calledAt: result.calledAt,
	};
	const onError = (error: unknown) =>
		deps.log('warn', 'api.called event was not accepted', {
			integrationId: result.integrationId,
			error: error instanceof Error ? error.name : typeof error,
		});
	try {
		const returned = sink.apiCalled(event);
		if (isThenable(returned)) returned.then(undefined, onError);
	} catch (error) {
		onError(error);
	}
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

import { createDeadline, type Deadline } from '../http/deadline.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { OverloadedError, RuntimeClosedError } from './runtime-errors.js';
import type { ToolCallContext } from './tool-call-context.js';

/**
 * Runs an outbound call under the runtime's concurrency limit with a deadline of `timeoutMillis`
 * that starts now (time spent waiting for a slot counts). Fails fast with `ERR_OVERLOADED` when too
 * many calls are already waiting, and with `ERR_RUNTIME_CLOSED` after `close()`.
 */
export async function runLimited<T>(
	deps: RuntimeDeps,
	context: ToolCallContext,
	timeoutMillis: number,
	work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
	if (deps.closeSignal.aborted) throw new RuntimeClosedError();
	const { limit, options } = deps;
	if (limit.activeCount >= limit.concurrency && limit.pendingCount >= options.maxPendingCalls) {
		throw new OverloadedError(deps.options.maxPendingCalls);
	}
	const deadline = createDeadline(
		timeoutMillis,
		context.signal,
		deps.closeSignal,
		deps.monotonicNow,
	);
	try {
		return await deps.limit(() => {
			if (deadline.signal.aborted) throw deadline.signal.reason;
			return work(deadline);
		});
	} finally {
		deadline.dispose();
	}
}

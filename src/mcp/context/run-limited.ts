import { createDeadline, type Deadline } from '../../http/index.js';
import { RuntimeClosedError } from '../runtime-errors.js';
import type { RuntimeDeps } from './runtime-deps.js';
import type { ToolCallContext } from './tool-call-context.js';

/**
 * Runs an outbound call of `tenantId` in a concurrency slot, with a deadline of `timeoutMillis` that
 * starts now: time spent waiting for a slot counts, and the wait ends at the deadline
 * (`ERR_TIMEOUT`), on cancellation (`ERR_ABORTED`) or on `close()` (`ERR_RUNTIME_CLOSED`). Fails
 * fast with `ERR_OVERLOADED` when too many calls (of the tenant, or in all) are already waiting.
 */
export async function runLimited<T>(
	deps: RuntimeDeps,
	context: ToolCallContext,
	tenantId: string,
	timeoutMillis: number,
	work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
	if (deps.closeSignal.aborted) throw new RuntimeClosedError();
	const deadline = createDeadline(
		timeoutMillis,
		context.signal,
		deps.closeSignal,
		deps.monotonicNow,
	);
	try {
		const release = await deps.slots.acquire(tenantId, deadline.signal);
		try {
			return await work(deadline);
		} finally {
			release();
		}
	} finally {
		deadline.dispose();
	}
}

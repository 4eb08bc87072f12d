import { RequestAbortedError, RequestTimeoutError } from './http-errors.js';

/** A call's deadline: one signal that aborts on timeout, on the caller's signal or on close. */
export interface Deadline {
	readonly signal: AbortSignal;
	/** Milliseconds left before the timeout fires (never negative). */
	remainingMillis(): number;
	/** Clears the timer and listeners; call once the call has settled. */
	dispose(): void;
}

/**
 * Creates a deadline of `timeoutMillis` (an unref'd timer). The signal's reason is a
 * `RequestTimeoutError` on timeout, a `RequestAbortedError` when `callerSignal` aborts, or the
 * reason of `closeSignal` (e.g. a runtime-closed error).
 */
export function createDeadline(
	timeoutMillis: number,
	callerSignal: AbortSignal | undefined,
	closeSignal: AbortSignal,
	now: () => number,
): Deadline {
	const controller = new AbortController();
	const endsAt = now() + timeoutMillis;
	const abort = (reason: unknown) => {
		if (!controller.signal.aborted) controller.abort(reason);
	};
	const timer = setTimeout(() => abort(new RequestTimeoutError(timeoutMillis)), timeoutMillis);
	timer.unref?.();
	const onCaller = () => abort(new RequestAbortedError());
	const onClose = () => abort(closeSignal.reason);
	if (callerSignal?.aborted) onCaller();
	else callerSignal?.addEventListener('abort', onCaller, { once: true });
	if (closeSignal.aborted) onClose();
	else closeSignal.addEventListener('abort', onClose, { once: true });
	return {
		signal: controller.signal,
		remainingMillis: () => Math.max(0, endsAt - now()),
		dispose() {
			clearTimeout(timer);
			callerSignal?.removeEventListener('abort', onCaller);
			closeSignal.removeEventListener('abort', onClose);
		},
	};
}

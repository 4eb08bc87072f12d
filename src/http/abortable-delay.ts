/**
 * Resolves after `millis`, or rejects with `signal.reason` as soon as the signal aborts.
 *
 * The timer is deliberately ref'd: it only exists while a caller awaits a call (a backoff or a
 * rate-limit wait), and an unref'd timer would let the process exit with that call unsettled. It is
 * bounded by the call's deadline and cleared on abort, so it never keeps an idle process alive.
 */
export function abortableDelay(millis: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return Promise.reject(signal.reason);
	if (millis <= 0) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal.reason);
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, millis);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

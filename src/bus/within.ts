/**
 * Settles as `promise` does, or rejects with `onTimeout()` once `timeoutMillis` have passed first.
 * The timer is ref'd: the caller awaits this promise, so it keeps the process alive until it
 * settles (a hung publish then fails with its timeout instead of the process exiting with the
 * call unsettled). It exists only while the wait does (cleared when `promise` settles), so an idle
 * adapter holds nothing.
 */
export function within<T>(
	promise: Promise<T>,
	timeoutMillis: number,
	onTimeout: () => Error,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(onTimeout()), timeoutMillis);
		promise.finally(() => clearTimeout(timer)).then(resolve, reject);
	});
}

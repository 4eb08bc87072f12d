/**
 * Settles as `promise` does, or rejects with `onTimeout()` once `timeoutMillis` have passed first.
 * The timer is `unref()`'d, so a pending wait never keeps the process alive.
 */
export function within<T>(
	promise: Promise<T>,
	timeoutMillis: number,
	onTimeout: () => Error,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(onTimeout()), timeoutMillis);
		timer.unref();
		promise.finally(() => clearTimeout(timer)).then(resolve, reject);
	});
}

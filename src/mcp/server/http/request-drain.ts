import type { ServerResponse } from 'node:http';

/**
 * Tracks the requests in flight so that shutdown can stop taking new ones and wait for the rest,
 * within a deadline.
 */
export interface RequestDrain {
	/** True once `drain()` was called: new requests are refused. */
	readonly closing: boolean;
	/** Requests in flight. */
	readonly size: number;
	/** Follows one request until `done` settles. */
	track(res: ServerResponse, done: Promise<void>): void;
	/**
	 * Refuses new requests and resolves `true` once none is in flight, or `false` when some still
	 * are after `timeoutMillis` (the timer is unref'd).
	 */
	drain(timeoutMillis: number): Promise<boolean>;
}

export function createRequestDrain(): RequestDrain {
	const inflight = new Set<ServerResponse>();
	let closing = false;
	let onIdle: (() => void) | undefined;
	return {
		get closing() {
			return closing;
		},
		get size() {
			return inflight.size;
		},
		track(res, done) {
			inflight.add(res);
			const settle = () => {
				inflight.delete(res);
				if (inflight.size === 0) onIdle?.();
			};
			done.then(settle, settle);
		},
		drain(timeoutMillis) {
			closing = true;
			// Answers still to be written close their connection: no keep-alive reuse after shutdown.
			for (const res of inflight) if (!res.headersSent) res.setHeader('connection', 'close');
			if (inflight.size === 0) return Promise.resolve(true);
			return new Promise((resolve) => {
				const timer = setTimeout(() => resolve(false), timeoutMillis);
				timer.unref();
				onIdle = () => {
					clearTimeout(timer);
					resolve(true);
				};
			});
		},
	};
}

import { describeValue, IntegrationsError } from '../common/index.js';

/** `emit` / `emitRaw` after `close()` was called. Code `ERR_PUBLISHER_CLOSED`. */
export class PublisherClosedError extends IntegrationsError {
	declare readonly code: 'ERR_PUBLISHER_CLOSED';

	constructor() {
		super('ERR_PUBLISHER_CLOSED', 'The integrations publisher is closed and accepts no new events');
	}
}

/** The queue is full and the overflow policy is `reject`. Code `ERR_QUEUE_FULL`. */
export class QueueFullError extends IntegrationsError {
	declare readonly code: 'ERR_QUEUE_FULL';
	/** The `maxQueueSize` that was reached. */
	readonly maxQueueSize: number;

	constructor(maxQueueSize: number) {
		super('ERR_QUEUE_FULL', `The publisher queue is full (maxQueueSize ${maxQueueSize})`);
		this.maxQueueSize = maxQueueSize;
	}
}

/** `emit` in sync mode with a topic that is not an integrations topic. Code `ERR_UNKNOWN_TOPIC`. */
export class UnknownTopicError extends IntegrationsError {
	declare readonly code: 'ERR_UNKNOWN_TOPIC';

	constructor(topic: unknown) {
		super('ERR_UNKNOWN_TOPIC', `Unknown integrations topic ${describeValue(topic)}`);
	}
}

/** The bus did not settle a batch within `flushTimeoutMillis`; the batch is retried. */
export class FlushTimeoutError extends IntegrationsError {
	declare readonly code: 'ERR_FLUSH_TIMEOUT';

	constructor(timeoutMillis: number) {
		super('ERR_FLUSH_TIMEOUT', `The bus did not settle a batch within ${timeoutMillis} ms`);
	}
}

/**
 * `close()` ran out of `closeTimeoutMillis` before everything was settled; every event still
 * pending is dead-lettered with this error. Code `ERR_CLOSE_TIMEOUT`.
 */
export class CloseTimeoutError extends IntegrationsError {
	declare readonly code: 'ERR_CLOSE_TIMEOUT';

	constructor(timeoutMillis: number) {
		super('ERR_CLOSE_TIMEOUT', `close() did not drain within ${timeoutMillis} ms`);
	}
}

/** A validation worker failed; the batch is validated again (respawned worker or inline). */
export class ValidationWorkerError extends IntegrationsError {
	declare readonly code: 'ERR_VALIDATION_WORKER';

	constructor(cause: unknown) {
		super('ERR_VALIDATION_WORKER', 'A validation worker failed', { cause });
	}
}

/** `emitRaw` in sync mode with a body that is not UTF-8 JSON. Code `ERR_INVALID_BODY`. */
export class InvalidBodyError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_BODY';
	/** `invalid_utf8` or `invalid_json`, with the parser's message. */
	readonly issues: readonly { readonly code: string; readonly message: string }[];

	constructor(issues: readonly { readonly code: string; readonly message: string }[]) {
		super('ERR_INVALID_BODY', `Invalid raw body: ${issues[0]?.message ?? 'unreadable'}`);
		this.issues = issues;
	}
}

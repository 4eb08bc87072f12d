import { IntegrationsError } from '../common/index.js';

// Errors the bus adapters report, per item (`{ failed: [{ index, error }] }`) or for a whole batch
// (a rejected `publishBatch`). `retryable` tells a caller whether publishing the same envelope again
// can succeed; the publisher retries failed items either way, up to its own limit.

/** `publishBatch` was called after `close()`, or the bus connection closed for good. `ERR_BUS_CLOSED`. */
export class BusClosedError extends IntegrationsError {
	declare readonly code: 'ERR_BUS_CLOSED';
	readonly retryable = false;

	/** `what` names the closed part, e.g. `the A2A bus adapter`. */
	constructor(what: string, options?: { cause?: unknown }) {
		super('ERR_BUS_CLOSED', `${what} is closed`, options);
	}
}

/** The connection to the bus is down (reconnecting); nothing of the batch was sent. `ERR_BUS_DISCONNECTED`. */
export class BusDisconnectedError extends IntegrationsError {
	declare readonly code: 'ERR_BUS_DISCONNECTED';
	readonly retryable = true;

	constructor(message: string, options?: { cause?: unknown }) {
		super('ERR_BUS_DISCONNECTED', message, options);
	}
}

/** No confirmation (flush, ack, publish) within the configured time. `ERR_BUS_TIMEOUT`. */
export class BusTimeoutError extends IntegrationsError {
	declare readonly code: 'ERR_BUS_TIMEOUT';
	readonly retryable = true;
	/** The limit that elapsed, in milliseconds. */
	readonly timeoutMillis: number;

	constructor(what: string, timeoutMillis: number) {
		super('ERR_BUS_TIMEOUT', `${what} not confirmed within ${timeoutMillis} ms`);
		this.timeoutMillis = timeoutMillis;
	}
}

/** The bus or transport refused or failed one publish; `cause` holds its error. `ERR_BUS_PUBLISH`. */
export class BusPublishError extends IntegrationsError {
	declare readonly code: 'ERR_BUS_PUBLISH';
	readonly retryable = true;

	constructor(message: string, options?: { cause?: unknown }) {
		super('ERR_BUS_PUBLISH', message, options);
	}
}

/**
 * An envelope breaks a rule of the target bus (e.g. an A2A rule: `source` not an absolute URI), so
 * publishing it again cannot succeed. `rule` names the field. `ERR_INVALID_ENVELOPE`.
 */
export class InvalidEnvelopeError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_ENVELOPE';
	readonly retryable = false;
	/** The envelope field whose rule failed, e.g. `source`. */
	readonly rule: string;

	constructor(rule: string, message: string) {
		super('ERR_INVALID_ENVELOPE', `${rule}: ${message}`);
		this.rule = rule;
	}
}

/** Why a received message was rejected: the stage of decoding that failed. */
export type InvalidMessageReason = 'json' | 'attributes' | 'topic' | 'payload';

/**
 * A message received from the bus is not a valid integrations event: bad JSON, a missing or malformed
 * CloudEvents attribute, an unknown topic, or a payload that fails its topic's schema (`issues`).
 * Reported to the consumer's `onInvalid`, never thrown into its loop. `ERR_INVALID_MESSAGE`.
 */
export class InvalidMessageError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_MESSAGE';
	readonly reason: InvalidMessageReason;
	/** The bus subject (NATS) the message arrived on. */
	readonly subject: string;
	/** The schema issues, when `reason` is `payload`. */
	readonly issues: ReadonlyArray<{ readonly path: PropertyKey[]; readonly message: string }>;

	constructor(
		reason: InvalidMessageReason,
		subject: string,
		message: string,
		options?: { cause?: unknown; issues?: InvalidMessageError['issues'] },
	) {
		super(
			'ERR_INVALID_MESSAGE',
			`invalid message on "${subject}" (${reason}): ${message}`,
			options,
		);
		this.reason = reason;
		this.subject = subject;
		this.issues = options?.issues ?? [];
	}
}

import { IntegrationsError } from '../../common/index.js';

/**
 * The shared integration store cannot be reached (NATS down or reconnecting, a request timed out,
 * JetStream unavailable) or was closed. Nothing was changed by the failed call, unless it timed
 * out after the server received it; retry when the store is back.
 */
export class StoreUnavailableError extends IntegrationsError {
	declare readonly code: 'ERR_STORE_UNAVAILABLE';

	constructor(reason: string, options?: { cause?: unknown }) {
		super(
			'ERR_STORE_UNAVAILABLE',
			`The integration store is unavailable: ${reason}; retry when it is back`,
			options,
		);
	}
}

/** A status update lost the compare-and-set race `attempts` times in a row (heavy contention). */
export class StoreConflictError extends IntegrationsError {
	declare readonly code: 'ERR_STORE_CONFLICT';
	readonly attempts: number;

	constructor(attempts: number, options?: { cause?: unknown }) {
		super(
			'ERR_STORE_CONFLICT',
			`The integration changed under ${attempts} update attempts in a row; retry the call`,
			options,
		);
		this.attempts = attempts;
	}
}

/** A sealed integration is larger than the NATS server accepts in one message (`max_payload`). */
export class StoreValueTooLargeError extends IntegrationsError {
	declare readonly code: 'ERR_STORE_VALUE_TOO_LARGE';
	readonly bytes: number;
	readonly maxBytes: number;

	constructor(bytes: number, maxBytes: number) {
		super(
			'ERR_STORE_VALUE_TOO_LARGE',
			`The integration takes ${bytes} bytes sealed, over the ${maxBytes} bytes the NATS server accepts in one message (max_payload); use fewer or shorter headers and credentials, or raise max_payload`,
		);
		this.bytes = bytes;
		this.maxBytes = maxBytes;
	}
}

/** Why a sealed value could not be opened. */
export type UnsealFailure = 'unknown-key' | 'tampered' | 'malformed';

/**
 * A sealed value could not be opened: it names a key id no configured key has (`unknown-key`: the
 * wrong or a missing secret key), its authentication tag does not match (`tampered`), or it is not a
 * sealed value at all (`malformed`). `keyId` names the key it was sealed with, when readable.
 */
export class UnsealError extends IntegrationsError {
	declare readonly code: 'ERR_UNSEAL_FAILED';
	readonly reason: UnsealFailure;
	readonly keyId: string | undefined;

	constructor(reason: UnsealFailure, keyId: string | undefined, knownKeyIds: readonly string[]) {
		super('ERR_UNSEAL_FAILED', unsealMessage(reason, keyId, knownKeyIds));
		this.reason = reason;
		this.keyId = keyId;
	}
}

function unsealMessage(reason: UnsealFailure, keyId: string | undefined, known: readonly string[]) {
	const configured = `configured key ids: ${known.join(', ')}`;
	if (reason === 'unknown-key') {
		return `A stored value was sealed with key id ${keyId}, which no configured key has (${configured}); start with the key it was sealed with (INTEGRATIONS_SECRET_KEY), or give that key as a previous key`;
	}
	if (reason === 'tampered') {
		return `A stored value sealed with key id ${keyId} failed its authentication check (altered, or sealed for another record)`;
	}
	return 'A stored value is not a sealed value of this library';
}

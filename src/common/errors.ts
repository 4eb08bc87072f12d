import type { IntegrationsErrorCode } from './error-codes.js';

/**
 * Base class of every error this library throws or reports (except the compat API, which throws
 * zod's `ZodError` as upstream does). Match on `code`, which is stable across versions.
 */
export class IntegrationsError extends Error {
	/** A stable, documented code, e.g. `ERR_PUBLISHER_CLOSED`; each subclass declares its own. */
	readonly code: IntegrationsErrorCode;

	constructor(code: IntegrationsErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = new.target.name;
		this.code = code;
	}
}

/** An option or configuration value is invalid. `option` names it (an env var or option path). */
export class InvalidOptionError extends IntegrationsError {
	declare readonly code: 'ERR_INVALID_OPTION';
	readonly option: string;

	constructor(option: string, message: string, options?: { cause?: unknown }) {
		super('ERR_INVALID_OPTION', `${option}: ${message}`, options);
		this.option = option;
	}
}

/** An optional peer dependency that a feature needs is not installed. `packageName` names it. */
export class MissingPeerError extends IntegrationsError {
	declare readonly code: 'ERR_MISSING_PEER';
	readonly packageName: string;

	constructor(packageName: string, message: string, options?: { cause?: unknown }) {
		super('ERR_MISSING_PEER', message, options);
		this.packageName = packageName;
	}
}

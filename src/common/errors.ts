/**
 * Base class of every error this library throws or reports (except the compat API, which throws
 * zod's `ZodError` as upstream does). Match on `code`, which is stable across versions.
 */
export class IntegrationsError extends Error {
	/** A stable, documented error code, e.g. `ERR_PUBLISHER_CLOSED`. */
	readonly code: string;

	constructor(code: string, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = new.target.name;
		this.code = code;
	}
}

/** An option or configuration value is invalid. `option` names it (an env var or option path). */
export class InvalidOptionError extends IntegrationsError {
	readonly option: string;

	constructor(option: string, message: string, options?: { cause?: unknown }) {
		super('ERR_INVALID_OPTION', `${option}: ${message}`, options);
		this.option = option;
	}
}

/** An optional peer dependency that a feature needs is not installed. `packageName` names it. */
export class MissingPeerError extends IntegrationsError {
	readonly packageName: string;

	constructor(packageName: string, message: string, options?: { cause?: unknown }) {
		super('ERR_MISSING_PEER', message, options);
		this.packageName = packageName;
	}
}

/** Renders a value for an error message without ever throwing and without dumping huge inputs. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') {
		return value.length > 64 ? `"${value.slice(0, 61)}..."` : JSON.stringify(value);
	}
	if (typeof value === 'bigint') return `${value}n`;
	if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
	if (value === null || typeof value !== 'object') return String(value);
	return Array.isArray(value) ? 'an array' : 'an object';
}

// How a value or an error becomes text in a message or a log record. Three renderings, because
// they serve three places and differ on purpose:
//   describeValue — a value a caller passed, in an option message: never dumps a huge input.
//   errorMessage  — a caught error's own message, to compose a wrapping message from.
//   describeError — a caught error as one record field: its code (or name) and message; a thrown
//                   non-Error is shown by its type only, never echoed.

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

/** The message of `error` (or `String(error)` for a non-Error), for a wrapping message. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * `code: message` (or `Name: message` without a string `code`) for a log or audit record; a thrown
 * non-Error is described by its type only (`string`, `object`...), never echoed.
 */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return typeof code === 'string'
			? `${code}: ${error.message}`
			: `${error.name}: ${error.message}`;
	}
	return typeof error;
}

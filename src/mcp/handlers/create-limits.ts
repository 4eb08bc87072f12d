import { RESERVED_HEADER_NAMES } from '../../http/index.js';
import type { InputIssue } from '../runtime-errors.js';
import type { CreateIntegrationToolInput } from '../schemas/index.js';

/** Documented bounds of `create_integration` inputs (they keep every stored record small). */
export const CREATE_LIMITS = Object.freeze({
	maxNameLength: 256,
	maxEndpointLength: 2048,
	maxHeaders: 64,
	maxCredentials: 32,
	maxValueLength: 8192,
	/** Header names and credential keys (a `header:` prefix not counted): they are echoed in results. */
	maxKeyLength: 256,
	maxRetries: 10,
	maxBackoffMs: 60_000,
});

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;

const RESERVED_MESSAGE =
	'names a header the runtime sets itself (host, connection, content-length...)';

/** A valid header name the runtime lets a caller set. */
const isSettableHeader = (name: string) =>
	HEADER_NAME.test(name) && !RESERVED_HEADER_NAMES.has(name.toLowerCase());

/** Checks the bounds; returns the issues found (empty when valid). Never echoes values. */
export function validateCreateLimits(input: CreateIntegrationToolInput): InputIssue[] {
	const issues: InputIssue[] = [];
	const L = CREATE_LIMITS;
	const { config } = input;
	if (input.name.trim() === '' || input.name.length > L.maxNameLength) {
		issues.push({ path: 'name', message: `must have 1..${L.maxNameLength} characters` });
	}
	if ((config.endpoint?.length ?? 0) > L.maxEndpointLength) {
		issues.push({
			path: 'config.endpoint',
			message: `must have at most ${L.maxEndpointLength} characters`,
		});
	}
	checkHeaderMap(issues, 'config.headers', config.headers ?? {}, L.maxHeaders);
	checkCredentials(issues, config.credentials ?? {});
	const retry = config.retryPolicy;
	if (retry && (retry.maxRetries > L.maxRetries || retry.backoffMs > L.maxBackoffMs)) {
		issues.push({
			path: 'config.retryPolicy',
			message: `maxRetries must be <= ${L.maxRetries} and backoffMs <= ${L.maxBackoffMs}`,
		});
	}
	return issues;
}

function checkHeaderMap(
	issues: InputIssue[],
	path: string,
	headers: Readonly<Record<string, string>>,
	max: number,
): void {
	const entries = Object.entries(headers);
	if (entries.length > max) issues.push({ path, message: `must have at most ${max} entries` });
	for (const [name, value] of entries) {
		if (!HEADER_NAME.test(name) || name.length > CREATE_LIMITS.maxKeyLength) {
			issues.push({
				path,
				message: `has an invalid or too long (> ${CREATE_LIMITS.maxKeyLength}) header name`,
			});
		} else if (!isSettableHeader(name)) {
			issues.push({ path, message: `has a key that ${RESERVED_MESSAGE}` });
		} else if (!HEADER_VALUE.test(value) || value.length > CREATE_LIMITS.maxValueLength) {
			issues.push({ path: `${path}.${name}`, message: 'has an invalid or too long value' });
		}
	}
}

function checkCredentials(
	issues: InputIssue[],
	credentials: Readonly<Record<string, string>>,
): void {
	const entries = Object.entries(credentials);
	const path = 'config.credentials';
	if (entries.length > CREATE_LIMITS.maxCredentials) {
		issues.push({ path, message: `must have at most ${CREATE_LIMITS.maxCredentials} entries` });
	}
	for (const [key, value] of entries) {
		const headerName = key.startsWith('header:') ? key.slice(7) : undefined;
		if ((headerName ?? key).length > CREATE_LIMITS.maxKeyLength) {
			issues.push({
				path,
				message: `has a key longer than ${CREATE_LIMITS.maxKeyLength} characters`,
			});
		} else if (headerName !== undefined && !isSettableHeader(headerName)) {
			issues.push({
				path,
				message: `has a header:<Name> key that is not a valid header name or ${RESERVED_MESSAGE}`,
			});
		}
		if (!HEADER_VALUE.test(value) || value.length > CREATE_LIMITS.maxValueLength) {
			issues.push({
				path: `${path}.${key.slice(0, 64)}`,
				message: 'has an invalid or too long value',
			});
		}
	}
	if (credentials.apiKeyHeader !== undefined && !isSettableHeader(credentials.apiKeyHeader)) {
		issues.push({
			path: `${path}.apiKeyHeader`,
			message: `is not a valid header name or ${RESERVED_MESSAGE}`,
		});
	}
}

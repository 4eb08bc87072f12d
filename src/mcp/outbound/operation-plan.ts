import type { HttpMethod } from '../../http/index.js';
import { InvalidOperationError } from '../runtime-errors.js';

/** The HTTP request an `execute_integration` operation maps to (before credentials). */
export interface OperationRequest {
	readonly method: HttpMethod;
	readonly url: URL;
	/** JSON text, for POST/PUT/PATCH and named operations. */
	readonly body?: string;
}

const METHOD_FORM = /^(GET|POST|PUT|PATCH|DELETE)(?:\s+(\S+))?$/i;
/** Control characters (C0, DEL, C1): the URL parser strips tab, CR and LF, hiding `..` segments. */
const CONTROL_CHARACTER = /\p{Cc}/u;
const NAME_FORM = /^[A-Za-z_][\w.:-]{0,127}$/;
const BODY_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Maps an operation to a request against the integration's endpoint:
 * - `"<METHOD> /path?query"` → that method on `endpoint + /path`
 * - `"<METHOD>"` → that method on the endpoint itself
 * - `"/path"` → `GET` without payload, `POST` with one
 * - a name such as `"sync_contacts"` → `POST` to the endpoint with `{ "operation", "payload" }`
 * The payload is a JSON body for POST/PUT/PATCH and query parameters for GET/DELETE. Paths are
 * relative to the endpoint: no scheme, no `//host`, no `.`/`..` segments, no control characters,
 * and the final (parsed) path must stay under the endpoint's path.
 */
export function planOperation(
	endpoint: URL,
	operation: string,
	payload: Readonly<Record<string, unknown>> | undefined,
): OperationRequest {
	const text = operation.trim();
	assertNoControlCharacters(text);
	const methodForm = METHOD_FORM.exec(text);
	if (methodForm) {
		const method = (methodForm[1] as string).toUpperCase() as HttpMethod;
		return withPayload(method, resolvePath(endpoint, methodForm[2]), payload);
	}
	if (text.startsWith('/')) {
		return withPayload(payload ? 'POST' : 'GET', resolvePath(endpoint, text), payload);
	}
	if (NAME_FORM.test(text)) {
		const body = JSON.stringify({ operation: text, payload: payload ?? {} });
		return { method: 'POST', url: new URL(endpoint), body };
	}
	throw new InvalidOperationError(
		`Operation ${JSON.stringify(text.slice(0, 80))} is not understood`,
	);
}

function assertNoControlCharacters(text: string): void {
	if (CONTROL_CHARACTER.test(text)) {
		throw new InvalidOperationError(
			'The operation must not contain control characters (tab, CR, LF...)',
		);
	}
}

function withPayload(
	method: HttpMethod,
	url: URL,
	payload: Readonly<Record<string, unknown>> | undefined,
): OperationRequest {
	if (payload === undefined) return { method, url };
	if (BODY_METHODS.has(method)) return { method, url, body: JSON.stringify(payload) };
	for (const [key, value] of Object.entries(payload)) appendQuery(url.searchParams, key, value);
	return { method, url };
}

function appendQuery(params: URLSearchParams, key: string, value: unknown): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		for (const item of value) appendQuery(params, key, item);
		return;
	}
	params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function resolvePath(endpoint: URL, pathAndQuery: string | undefined): URL {
	const url = new URL(endpoint);
	url.hash = '';
	if (pathAndQuery === undefined) return url;
	if (!pathAndQuery.startsWith('/') || pathAndQuery.startsWith('//')) {
		throw new InvalidOperationError(
			'The path must start with a single "/" and be relative to the endpoint',
		);
	}
	const [path = '', query] = splitOnce(pathAndQuery, '?');
	assertNoDotSegments(path);
	const base = url.pathname.replace(/\/+$/, '');
	url.pathname = `${base}${path}`;
	if (query) for (const [k, v] of new URLSearchParams(query)) url.searchParams.append(k, v);
	if (url.origin !== endpoint.origin) {
		throw new InvalidOperationError('The path must stay on the endpoint origin');
	}
	// Compare what the parser produced, not what was checked: nothing may resolve above the base.
	if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
		throw new InvalidOperationError("The path must stay under the endpoint's path");
	}
	return url;
}

function assertNoDotSegments(path: string): void {
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		throw new InvalidOperationError('The path has invalid percent-encoding');
	}
	if (/(^|[/\\])\.\.?([/\\]|$)/.test(decoded)) {
		throw new InvalidOperationError('The path must not contain "." or ".." segments');
	}
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const index = text.indexOf(separator);
	return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

import type { ExecutionOutcome, HttpResponseSnapshot } from '../../http/index.js';
import type { RuntimeDeps } from '../context/index.js';
import { displayEndpoint } from '../context/index.js';
import type { Redactor } from '../credentials/index.js';
import type { OperationRequest } from '../outbound/index.js';
import type { ExecuteIntegrationResult } from '../schemas/index.js';
import type { IntegrationRecord } from '../store/index.js';

/** Turns the last response into the tool result; the body is scrubbed of the integration's secrets. */
export function buildExecuteResult(
	deps: RuntimeDeps,
	record: IntegrationRecord,
	operation: string,
	request: OperationRequest,
	outcome: ExecutionOutcome,
	extra: { readonly durationMillis: number; readonly redact: Redactor },
): ExecuteIntegrationResult {
	const { response } = outcome;
	const header = firstHeader(response.headers['content-type']);
	// A header is a reflection channel like the body: redact it the same way.
	const contentType = header === undefined ? undefined : extra.redact(header);
	const result: ExecuteIntegrationResult = {
		integrationId: record.id,
		operation,
		method: request.method,
		endpoint: displayEndpoint(request.url),
		ok: response.statusCode >= 200 && response.statusCode < 400,
		statusCode: response.statusCode,
		attempts: outcome.attempts,
		durationMillis: Math.round(extra.durationMillis * 1000) / 1000,
		body: decodeBody(response, contentType, extra.redact),
		truncated: response.truncated,
		responseBytes: response.body.length,
		calledAt: new Date(deps.options.now()).toISOString(),
	};
	if (contentType !== undefined) result.contentType = contentType;
	return result;
}

function decodeBody(
	response: HttpResponseSnapshot,
	contentType: string | undefined,
	redact: Redactor,
): unknown {
	if (response.body.length === 0) return null;
	// Redacted as text first, whatever the content type (escapes are decoded for matching), and
	// with the tail of a cut body; a JSON body is then parsed and its strings redacted once more,
	// which also catches a secret escaped twice (a JSON string inside a JSON string).
	const text = redact(response.body.toString('utf8'), { truncated: response.truncated });
	if (response.truncated || !contentType || !/\bjson\b/i.test(contentType)) return text;
	try {
		return redactParsed(JSON.parse(text), redact);
	} catch {
		return text;
	}
}

/** Redacts every string (keys included) of a parsed JSON value; `__proto__` stays an own key. */
function redactParsed(value: unknown, redact: Redactor): unknown {
	if (typeof value === 'string') return redact(value);
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((item) => redactParsed(item, redact));
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [redact(key), redactParsed(item, redact)]),
	);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

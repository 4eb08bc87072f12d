import { BRAND, BRAND_HEADER, type IntegrationsEnvelope } from '../../events/index.js';
import { InvalidEnvelopeError } from '../bus-errors.js';

/**
 * The Cortex-OS A2A `Envelope` (`@cortex-os/a2a-contracts`), structurally: what an A2A `Transport`
 * or bus `publish` receives. Declared here so this library does not depend on the A2A packages.
 */
export interface A2AEnvelope {
	id: string;
	type: string;
	/** An absolute URI (A2A checks it with `new URL`). */
	source: string;
	specversion: '1.0';
	datacontenttype?: string;
	dataschema?: string;
	subject?: string;
	/** ISO 8601 UTC, e.g. `2025-10-01T12:00:00.000Z`. */
	time?: string;
	/** A UUID when present. */
	causationId?: string;
	/** A UUID when present. */
	correlationId?: string;
	/** Positive integer. */
	ttlMs: number;
	headers: Record<string, string>;
	traceparent?: string;
	tracestate?: string;
	baggage?: string;
	data?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// zod's `string().datetime()` default, which A2A uses: UTC `Z`, optional fraction, no offset.
const UTC_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

// Sources and dataschemas are a handful of strings: remember the ones that parsed.
const knownUris = new Set<string>();
const MAX_KNOWN_URIS = 256;

function isAbsoluteUri(value: unknown): value is string {
	if (typeof value !== 'string' || value.length === 0) return false;
	if (knownUris.has(value)) return true;
	if (!URL.canParse(value)) return false;
	if (knownUris.size < MAX_KNOWN_URIS) knownUris.add(value);
	return true;
}

function check(ok: boolean, rule: string, message: string): void {
	if (!ok) throw new InvalidEnvelopeError(rule, message);
}

function checkAttributes(envelope: IntegrationsEnvelope, ttlMs: number): void {
	check(typeof envelope.id === 'string' && UUID.test(envelope.id), 'id', 'must be a UUID');
	check(typeof envelope.type === 'string' && envelope.type.length > 0, 'type', 'must be non-empty');
	check(isAbsoluteUri(envelope.source), 'source', 'must be an absolute URI (`new URL` parses it)');
	check(UTC_DATETIME.test(envelope.time), 'time', 'must be an ISO 8601 UTC date-time');
	check(Number.isSafeInteger(ttlMs) && ttlMs > 0, 'ttlMs', 'must be a positive integer');
	const { dataschema, correlationId, causationId } = envelope;
	check(dataschema === undefined || isAbsoluteUri(dataschema), 'dataschema', 'must be a URL');
	check(correlationId === undefined || UUID.test(correlationId), 'correlationId', 'must be a UUID');
	check(causationId === undefined || UUID.test(causationId), 'causationId', 'must be a UUID');
}

function copyHeaders(
	headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
	const copy: Record<string, string> = {};
	if (headers) {
		for (const key of Object.keys(headers)) {
			const value = headers[key];
			check(typeof value === 'string', 'headers', `header "${key}" must be a string`);
			// An object key, not a header: assigning it would change the copy's prototype and lose it.
			check(key !== '__proto__', 'headers', 'a header may not be named "__proto__"');
			copy[key] = value as string;
		}
	}
	copy[BRAND_HEADER] = BRAND;
	return copy;
}

/**
 * Converts an envelope to a fresh A2A `Envelope` (a new object each call: A2A buses mutate what they
 * publish, e.g. `correlationId ??= id` and trace headers). Throws {@link InvalidEnvelopeError} when a
 * rule of A2A §4.1 cannot be met. `ttlMillis` overrides the envelope's `ttlMs` when given.
 */
export function toA2AEnvelope(envelope: IntegrationsEnvelope, ttlMillis?: number): A2AEnvelope {
	const ttlMs = ttlMillis ?? envelope.ttlMs;
	checkAttributes(envelope, ttlMs);
	const out: A2AEnvelope = {
		id: envelope.id,
		type: envelope.type,
		source: envelope.source,
		specversion: '1.0',
		datacontenttype: envelope.datacontenttype,
		time: envelope.time,
		ttlMs,
		headers: copyHeaders(envelope.headers),
		data: envelope.data,
	};
	if (envelope.dataschema !== undefined) out.dataschema = envelope.dataschema;
	if (envelope.subject !== undefined) out.subject = envelope.subject;
	if (envelope.correlationId !== undefined) out.correlationId = envelope.correlationId;
	if (envelope.causationId !== undefined) out.causationId = envelope.causationId;
	if (envelope.traceparent !== undefined) out.traceparent = envelope.traceparent;
	if (envelope.tracestate !== undefined) out.tracestate = envelope.tracestate;
	return out;
}

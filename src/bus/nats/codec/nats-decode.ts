import type { MsgHdrs } from '@nats-io/transport-node';
import {
	BRAND,
	BRAND_HEADER,
	DEFAULT_ENVELOPE_TTL_MILLIS,
	dataSchemaUrl,
	INTEGRATIONS_EVENT_SCHEMAS,
	type IntegrationsEnvelope,
	isIntegrationsTopic,
} from '../../../events/index.js';
import { InvalidMessageError, type InvalidMessageReason } from '../../bus-errors.js';
import { decodeHeaderValue } from './ce-header-value.js';

/** What {@link decodeNatsMessage} needs of a NATS message (a `Msg` or a `JsMsg`). */
export interface NatsMessageLike {
	readonly subject: string;
	readonly data: Uint8Array;
	readonly headers?: MsgHdrs;
}

/** A decoded, validated envelope, or why the message was rejected. */
export type DecodeResult =
	| { readonly ok: true; readonly envelope: IntegrationsEnvelope }
	| { readonly ok: false; readonly error: InvalidMessageError };

type Fields = Record<string, unknown>;
interface Wire {
	readonly fields: Fields;
	readonly headers: Record<string, string>;
	readonly data: unknown;
}

const utf8 = new TextDecoder();
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const BINARY_ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
	correlationid: 'correlationId',
	causationid: 'causationId',
	ttlms: 'ttlMs',
};

class Rejection {
	constructor(
		readonly reason: InvalidMessageReason,
		readonly message: string,
		readonly extra?: { cause?: unknown; issues?: InvalidMessageError['issues'] },
	) {}
}

function parseJson(text: string, what: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new Rejection('json', `${what} is not valid JSON`, { cause: error });
	}
}

/** Structured mode: a `content-type: application/cloudevents…` header, or no `ce-specversion` header. */
function isStructured(headers: MsgHdrs | undefined): boolean {
	if (!headers) return true;
	const contentType = headers.get('content-type', 'insensitive');
	if (contentType.toLowerCase().startsWith('application/cloudevents')) return true;
	return !headers.has('ce-specversion', 'insensitive');
}

function readStructured(message: NatsMessageLike): Wire {
	const event = parseJson(utf8.decode(message.data), 'the body');
	if (typeof event !== 'object' || event === null || Array.isArray(event)) {
		throw new Rejection('json', 'the body is not a JSON object');
	}
	const { headers = {}, data, ...fields } = event as Fields;
	if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
		throw new Rejection('attributes', '`headers` must be an object');
	}
	for (const [name, value] of Object.entries(headers)) {
		if (typeof value !== 'string')
			throw new Rejection('attributes', `header "${name}" is not a string`);
	}
	return { fields, headers: headers as Record<string, string>, data };
}

function readBinary(message: NatsMessageLike, headers: MsgHdrs): Wire {
	const fields: Fields = {};
	const plain: Record<string, string> = {};
	for (const [name, values] of headers) {
		const lower = name.toLowerCase();
		if (lower.startsWith('nats-') || lower === 'content-type') continue;
		const value = decodeHeaderValue(values[0] ?? '');
		if (value === undefined) throw new Rejection('attributes', `header "${name}" is malformed`);
		if (!lower.startsWith('ce-')) plain[name] = value;
		else fields[BINARY_ATTRIBUTE_NAMES[lower.slice(3)] ?? lower.slice(3)] = value;
	}
	const contentType = fields.datacontenttype ?? 'application/json';
	if (typeof contentType !== 'string' || !JSON_MEDIA_TYPE.test(contentType)) {
		throw new Rejection('attributes', `datacontenttype ${String(contentType)} is not JSON`);
	}
	return { fields, headers: plain, data: parseJson(utf8.decode(message.data), 'the data') };
}

function requiredString(fields: Fields, name: string): string {
	const value = fields[name];
	if (typeof value === 'string' && value.length > 0) return value;
	throw new Rejection('attributes', `\`${name}\` is missing or not a non-empty string`);
}

function optionalString(fields: Fields, name: string): string | undefined {
	const value = fields[name];
	if (value === undefined || typeof value === 'string') return value;
	throw new Rejection('attributes', `\`${name}\` is not a string`);
}

function readTtl(value: unknown): number {
	if (value === undefined) return DEFAULT_ENVELOPE_TTL_MILLIS;
	const ttl = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof ttl === 'number' && Number.isSafeInteger(ttl) && ttl > 0) return ttl;
	throw new Rejection('attributes', '`ttlMs` is not a positive integer');
}

function readData(type: string, data: unknown): unknown {
	if (!isIntegrationsTopic(type)) throw new Rejection('topic', `unknown topic "${type}"`);
	const parsed = INTEGRATIONS_EVENT_SCHEMAS[type].safeParse(data);
	if (parsed.success) return parsed.data;
	const issues = parsed.error.issues.map(({ path, message }) => ({ path, message }));
	const detail = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
	throw new Rejection('payload', `payload fails the ${type} schema: ${detail}`, { issues });
}

function optionalFields(fields: Fields) {
	const out: Record<string, string> = {};
	for (const name of ['subject', 'correlationId', 'causationId', 'traceparent', 'tracestate']) {
		const value = optionalString(fields, name);
		if (value !== undefined) out[name] = value;
	}
	return out;
}

function buildEnvelope({ fields, headers, data }: Wire): IntegrationsEnvelope {
	if (fields.specversion !== '1.0') throw new Rejection('attributes', '`specversion` is not "1.0"');
	const type = requiredString(fields, 'type');
	optionalString(fields, 'datacontenttype');
	const envelope = {
		id: requiredString(fields, 'id'),
		type,
		source: requiredString(fields, 'source'),
		specversion: '1.0',
		time: requiredString(fields, 'time'),
		datacontenttype: 'application/json',
		dataschema:
			optionalString(fields, 'dataschema') ??
			(isIntegrationsTopic(type) ? dataSchemaUrl(type) : ''),
		...optionalFields(fields),
		ttlMs: readTtl(fields.ttlMs),
		headers: Object.freeze({ [BRAND_HEADER]: BRAND, ...headers }),
		data: readData(type, data),
	};
	return Object.freeze(envelope) as IntegrationsEnvelope;
}

/**
 * Decodes a NATS message in either content mode into a validated envelope (`data` parsed by its
 * topic's schema, unknown keys stripped). Never throws: a bad message yields an
 * {@link InvalidMessageError} saying why.
 */
export function decodeNatsMessage(message: NatsMessageLike): DecodeResult {
	try {
		const headers = message.headers;
		const wire = isStructured(headers) ? readStructured(message) : readBinary(message, headers!);
		return { ok: true, envelope: buildEnvelope(wire) };
	} catch (error) {
		const rejection =
			error instanceof Rejection
				? error
				: new Rejection('attributes', `cannot be decoded: ${String(error)}`, { cause: error });
		const { reason, message: text, extra } = rejection;
		return { ok: false, error: new InvalidMessageError(reason, message.subject, text, extra) };
	}
}

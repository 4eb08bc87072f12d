import { type MsgHdrs, MsgHdrsImpl } from '@nats-io/transport-node';
import {
	ENVELOPE_DATA_BYTES,
	envelopeDataJson,
	envelopeJson,
	envelopeJsonAroundData,
	type IntegrationsEnvelope,
} from '../../../events/index.js';
import { InvalidEnvelopeError } from '../../bus-errors.js';
import { encodeHeaderValue } from './ce-header-value.js';

/**
 * How an envelope travels on NATS (CloudEvents NATS protocol binding):
 * - `binary`: every CloudEvents attribute in a `ce-<name>` header, the A2A `headers` as plain headers,
 *   `data` as the JSON body;
 * - `structured`: the whole envelope as JSON (what Cortex-OS's own NATS transport sends), with
 *   `content-type: application/cloudevents+json`.
 */
export type NatsEncoding = 'binary' | 'structured';

/** The `content-type` of a structured-mode message. */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

/** One message ready for `nc.publish` / `js.publish`. */
export interface NatsOutgoingMessage {
	readonly subject: string;
	/** UTF-8 JSON (a pooled `Buffer`: cheaper to allocate than `TextEncoder` output). */
	readonly payload: Uint8Array;
	readonly headers: MsgHdrs;
}

// A NATS header name is printable ASCII without `:`. These names belong to the binding or to NATS.
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const RESERVED_HEADER = /^(?:ce-|nats-|content-type$)/i;

/** The subject of a topic: `<prefix>.<topic>`, or the topic itself without a prefix. */
export function natsSubject(subjectPrefix: string, topic: string): string {
	return subjectPrefix ? `${subjectPrefix}.${topic}` : topic;
}

/** UTF-8 bytes of `toJson(envelope)`; throws {@link InvalidEnvelopeError} when it cannot be written. */
function serialize(
	envelope: IntegrationsEnvelope,
	toJson: (envelope: IntegrationsEnvelope) => string | undefined,
): Uint8Array {
	let json: string | undefined;
	try {
		json = toJson(envelope);
	} catch (error) {
		throw new InvalidEnvelopeError('data', `is not JSON-serialisable (${String(error)})`);
	}
	if (json === undefined) throw new InvalidEnvelopeError('data', 'is not JSON-serialisable');
	return Buffer.from(json, 'utf8');
}

function setOptional(record: Record<string, string[]>, name: string, value: string | undefined) {
	if (value !== undefined) record[name] = [encodeHeaderValue(value)];
}

const REQUIRED = ['id', 'source', 'type', 'time', 'datacontenttype'] as const;

function attributeHeaders(envelope: IntegrationsEnvelope): Record<string, string[]> {
	for (const name of REQUIRED) {
		const value = envelope[name];
		if (typeof value !== 'string' || value.length === 0) {
			throw new InvalidEnvelopeError(name, 'must be a non-empty string');
		}
	}
	const record: Record<string, string[]> = {
		'ce-specversion': ['1.0'],
		'ce-id': [encodeHeaderValue(envelope.id)],
		'ce-source': [encodeHeaderValue(envelope.source)],
		'ce-type': [encodeHeaderValue(envelope.type)],
		'ce-time': [encodeHeaderValue(envelope.time)],
		'ce-datacontenttype': [encodeHeaderValue(envelope.datacontenttype)],
		'ce-ttlms': [String(envelope.ttlMs)],
	};
	setOptional(record, 'ce-dataschema', envelope.dataschema);
	setOptional(record, 'ce-subject', envelope.subject);
	setOptional(record, 'ce-correlationid', envelope.correlationId);
	setOptional(record, 'ce-causationid', envelope.causationId);
	setOptional(record, 'ce-traceparent', envelope.traceparent);
	setOptional(record, 'ce-tracestate', envelope.tracestate);
	return record;
}

function addEnvelopeHeaders(record: Record<string, string[]>, envelope: IntegrationsEnvelope) {
	const headers = envelope.headers ?? {};
	for (const name of Object.keys(headers)) {
		const value = headers[name];
		if (!HEADER_NAME.test(name) || RESERVED_HEADER.test(name)) {
			throw new InvalidEnvelopeError('headers', `"${name}" cannot be a NATS header name`);
		}
		if (typeof value !== 'string') {
			throw new InvalidEnvelopeError('headers', `header "${name}" must be a string`);
		}
		record[name] = [encodeHeaderValue(value)];
	}
}

/** Binary content mode: attributes in `ce-*` headers, `data` as JSON body. Throws {@link InvalidEnvelopeError}. */
export function encodeBinary(envelope: IntegrationsEnvelope, subject: string): NatsOutgoingMessage {
	if (typeof envelope.ttlMs !== 'number' || !Number.isSafeInteger(envelope.ttlMs)) {
		throw new InvalidEnvelopeError('ttlMs', 'must be an integer');
	}
	const payload = dataBytes(envelope) ?? serialize(envelope, envelopeDataJson);
	const record = attributeHeaders(envelope);
	addEnvelopeHeaders(record, envelope);
	return { subject, payload, headers: MsgHdrsImpl.fromRecord(record) };
}

/**
 * Structured content mode: the envelope as JSON. `headers` may be one shared `content-type` header
 * object (core NATS never changes it); JetStream needs a fresh one per message (it adds `Nats-Msg-Id`).
 */
export function encodeStructured(
	envelope: IntegrationsEnvelope,
	subject: string,
	headers: MsgHdrs = structuredHeaders(),
): NatsOutgoingMessage {
	return { subject, payload: structuredPayload(envelope), headers };
}

/**
 * The UTF-8 JSON bytes of `data` a worker validated (`ENVELOPE_DATA_BYTES`), if the envelope has
 * them: sent as they are, never parsed, serialised or encoded on this thread.
 */
function dataBytes(envelope: IntegrationsEnvelope): Uint8Array | undefined {
	const bytes = (envelope as { [ENVELOPE_DATA_BYTES]?: unknown })[ENVELOPE_DATA_BYTES];
	return bytes instanceof Uint8Array ? bytes : undefined;
}

/** The envelope as JSON bytes: with `data` bytes, the attributes' JSON around a copy of them. */
function structuredPayload(envelope: IntegrationsEnvelope): Uint8Array {
	const bytes = dataBytes(envelope);
	const around = bytes && envelopeJsonAroundData(envelope);
	if (bytes === undefined || around === undefined) return serialize(envelope, envelopeJson);
	const [head, tail] = around;
	const headBytes = Buffer.byteLength(head);
	const payload = Buffer.allocUnsafe(headBytes + bytes.byteLength + Buffer.byteLength(tail));
	payload.write(head, 0);
	payload.set(bytes, headBytes);
	payload.write(tail, headBytes + bytes.byteLength);
	return payload;
}

/** A header set that is never changed after creation, so its wire form is computed once. */
class FrozenHeaders extends MsgHdrsImpl {
	#bytes: Uint8Array | undefined;

	override encode(): Uint8Array {
		this.#bytes ??= super.encode();
		return this.#bytes;
	}
}

/**
 * A header set holding `content-type: application/cloudevents+json`. With `shared`, its encoded form
 * is cached (for core NATS, which sends it as is); JetStream adds `Nats-Msg-Id`, so needs a fresh one.
 */
export function structuredHeaders(shared = false): MsgHdrs {
	const headers = shared ? new FrozenHeaders() : new MsgHdrsImpl();
	headers.headers.set('content-type', [STRUCTURED_CONTENT_TYPE]);
	return headers;
}

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
	encodeBinary,
	encodeStructured,
	natsSubject,
	STRUCTURED_CONTENT_TYPE,
	structuredHeaders,
} from '../../../../src/bus/nats/codec/nats-codec.js';
import { decodeNatsMessage } from '../../../../src/bus/nats/index.js';
import { JsonEnvelope } from '../../../../src/dispatch/envelope/json-envelope.js';
import { BRAND, BRAND_HEADER } from '../../../../src/events/index.js';
import { A2AEnvelopeSchema } from '../../../support/a2a-envelope-schema.js';
import { KINDS, makeEnvelope } from '../../../support/make-envelope.js';
import { overTheWire } from '../../../support/over-the-wire.js';

const encoders = { binary: encodeBinary, structured: encodeStructured } as const;

const envelopeArbitrary = fc.record({
	kind: fc.constantFrom(...KINDS),
	subject: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
	correlationId: fc.option(fc.uuid(), { nil: undefined }),
	source: fc.constantFrom('urn:cortex:integrations', 'https://example.com/a b/ünïcode'),
	tracestate: fc.option(fc.string(), { nil: undefined }),
	extraHeader: fc.string({ unit: 'grapheme' }),
});

describe('NATS codec', () => {
	it('sends the JSON bytes a worker validated as they are: no parse, no serialisation of data', () => {
		const plain = makeEnvelope('dataSynced');
		const bytes = new TextEncoder().encode(JSON.stringify(plain.data));
		const envelope = new JsonEnvelope(plain, bytes) as never;
		const parse = vi.spyOn(JSON, 'parse');
		const stringify = vi.spyOn(JSON, 'stringify');
		const binary = encodeBinary(envelope, 'integrations.data.synced');
		const structured = encodeStructured(envelope, 'integrations.data.synced');
		expect(parse).not.toHaveBeenCalled();
		expect(stringify).not.toHaveBeenCalled();
		vi.restoreAllMocks();
		expect(binary.payload).toBe(bytes);
		const wire = JSON.parse(Buffer.from(structured.payload).toString());
		expect(wire).toEqual(JSON.parse(JSON.stringify(plain)));
		const decoded = decodeNatsMessage(overTheWire(structured));
		expect(decoded.ok && decoded.envelope.data).toEqual(plain.data);
	});

	it('names subjects after the topic, with an optional prefix', () => {
		expect(natsSubject('', 'integrations.api.called')).toBe('integrations.api.called');
		expect(natsSubject('cortex', 'integrations.api.called')).toBe('cortex.integrations.api.called');
	});

	it('binary mode puts every attribute in a ce- header and only data in the body', () => {
		const envelope = makeEnvelope('dataSynced', {
			correlationId: crypto.randomUUID(),
			subject: 'sync 42',
		});
		const message = encodeBinary(envelope, 'integrations.data.synced');
		const headers = Object.fromEntries([...message.headers].map(([k, v]) => [k, v[0]]));

		expect(JSON.parse(Buffer.from(message.payload).toString())).toEqual(envelope.data);
		expect(headers).toEqual({
			'ce-specversion': '1.0',
			'ce-id': envelope.id,
			'ce-source': 'urn:cortex:integrations',
			'ce-type': 'integrations.data.synced',
			'ce-time': envelope.time,
			'ce-datacontenttype': 'application/json',
			'ce-dataschema': envelope.dataschema,
			'ce-ttlms': '60000',
			'ce-subject': 'sync%2042',
			'ce-correlationid': envelope.correlationId,
			[BRAND_HEADER]: BRAND,
		});
	});

	it('structured mode sends the envelope as A2A JSON with the cloudevents content type', () => {
		const envelope = makeEnvelope('connected');
		const message = encodeStructured(envelope, 'integrations.connection.established');
		const body = JSON.parse(Buffer.from(message.payload).toString());

		expect(message.headers.get('content-type')).toBe(STRUCTURED_CONTENT_TYPE);
		expect(body).toEqual(envelope);
		expect(A2AEnvelopeSchema.parse(body)).toEqual(body);
	});

	it('a shared structured header set encodes the same bytes every time', () => {
		const shared = structuredHeaders(true) as unknown as { encode(): Uint8Array };
		const fresh = structuredHeaders() as unknown as { encode(): Uint8Array };
		expect(shared.encode()).toBe(shared.encode());
		expect(Buffer.from(shared.encode()).equals(Buffer.from(fresh.encode()))).toBe(true);
	});

	it.each(Object.keys(encoders) as (keyof typeof encoders)[])(
		'%s mode round-trips any valid envelope through the wire format (property)',
		(mode) => {
			fc.assert(
				fc.property(envelopeArbitrary, ({ kind, extraHeader, ...overrides }) => {
					const headers = { [BRAND_HEADER]: BRAND, 'x-extra': extraHeader };
					const envelope = makeEnvelope(kind, { ...overrides, headers });
					const decoded = decodeNatsMessage(overTheWire(encoders[mode](envelope, envelope.type)));
					expect(decoded).toEqual({ ok: true, envelope: JSON.parse(JSON.stringify(envelope)) });
				}),
				{ numRuns: 300 },
			);
		},
	);

	it.each([
		['a header name with a space', { headers: { 'bad name': 'x' } }, 'headers'],
		['a header that would shadow an attribute', { headers: { 'ce-id': 'x' } }, 'headers'],
		['a header that would shadow Nats-Msg-Id', { headers: { 'Nats-Msg-Id': 'x' } }, 'headers'],
		['data that JSON cannot hold', { data: { n: 1n } }, 'data'],
		['a missing time', { time: undefined }, 'time'],
	])('binary mode refuses %s with ERR_INVALID_ENVELOPE', (_name, override, rule) => {
		expect(() =>
			encodeBinary(makeEnvelope('apiCalled', override), 'integrations.api.called'),
		).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ENVELOPE', rule }));
	});
});

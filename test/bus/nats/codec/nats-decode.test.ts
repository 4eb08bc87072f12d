import { describe, expect, it } from 'vitest';
import {
	decodeNatsMessage,
	encodeBinary,
	encodeStructured,
} from '../../../../src/bus/nats/index.js';
import { BRAND, BRAND_HEADER } from '../../../../src/events/index.js';
import { makeEnvelope } from '../../../support/make-envelope.js';
import { overTheWire, rawMessage } from '../../../support/over-the-wire.js';

const SUBJECT = 'integrations.api.called';
const envelope = makeEnvelope('apiCalled');
const structured = JSON.parse(JSON.stringify(envelope));
const binaryHeaders = Object.fromEntries(
	[...encodeBinary(envelope, SUBJECT).headers].map(([k, v]) => [k, v[0] as string]),
);
const data = JSON.stringify(envelope.data);

function without(record: Record<string, unknown>, key: string) {
	const { [key]: _removed, ...rest } = record;
	return rest;
}

describe('decodeNatsMessage', () => {
	it.each([
		['json', 'a body that is not JSON', rawMessage(SUBJECT, '{"id": ')],
		['json', 'a JSON body that is not an object', rawMessage(SUBJECT, '[1,2]')],
		['json', 'binary data that is not JSON', rawMessage(SUBJECT, 'not json', binaryHeaders)],
		['attributes', 'a missing id', rawMessage(SUBJECT, without(structured, 'id'))],
		[
			'attributes',
			'a missing ce-source header',
			rawMessage(SUBJECT, data, without(binaryHeaders, 'ce-source') as Record<string, string>),
		],
		['attributes', 'specversion 0.3', rawMessage(SUBJECT, { ...structured, specversion: '0.3' })],
		[
			'attributes',
			'a ttlMs that is not a positive integer',
			rawMessage(SUBJECT, { ...structured, ttlMs: -5 }),
		],
		[
			'attributes',
			'headers that are not strings',
			rawMessage(SUBJECT, { ...structured, headers: { a: 1 } }),
		],
		[
			'attributes',
			'a malformed percent-escape',
			rawMessage(SUBJECT, data, { ...binaryHeaders, 'ce-subject': 'a%2' }),
		],
		[
			'attributes',
			'a non-JSON datacontenttype',
			rawMessage(SUBJECT, data, { ...binaryHeaders, 'ce-datacontenttype': 'text/plain' }),
		],
		[
			'topic',
			'an unknown topic',
			rawMessage(SUBJECT, { ...structured, type: 'integrations.unknown' }),
		],
		[
			'payload',
			'a payload failing its schema',
			rawMessage(SUBJECT, { ...structured, data: { ...(envelope.data as object), statusCode: 0 } }),
		],
	] as const)('rejects %s: %s', (reason, _name, message) => {
		const result = decodeNatsMessage(message);

		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({ code: 'ERR_INVALID_MESSAGE', reason, subject: SUBJECT });
		expect(result.error.message).toContain(`invalid message on "${SUBJECT}" (${reason})`);
	});

	it('lists the schema issues of a payload that fails, with their paths', () => {
		const result = decodeNatsMessage(
			rawMessage(SUBJECT, {
				...structured,
				data: { ...(envelope.data as object), method: 'HEAD', duration: -1 },
			}),
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.issues.map((issue) => issue.path)).toEqual([['method'], ['duration']]);
		expect(result.error.message).toMatch(/method: .*; duration: /);
	});

	it('accepts an upstream Cortex-OS message: plain JSON, no headers, no dataschema, extra keys stripped', () => {
		const { dataschema: _d, ...upstream } = structured;
		const message = rawMessage(SUBJECT, {
			...upstream,
			data: { ...(envelope.data as object), extra: 1 },
		});

		const result = decodeNatsMessage({ ...message, headers: undefined });

		expect(result).toEqual({ ok: true, envelope: { ...structured } });
	});

	it('keeps plain headers of a binary message and ignores NATS headers (Nats-Msg-Id)', () => {
		const message = encodeBinary(
			makeEnvelope('apiCalled', { headers: { [BRAND_HEADER]: BRAND, tenant: 'acme' } }),
			SUBJECT,
		);
		message.headers.set('Nats-Msg-Id', 'abc');

		const result = decodeNatsMessage(overTheWire(message));

		expect(result.ok && result.envelope.headers).toEqual({ [BRAND_HEADER]: BRAND, tenant: 'acme' });
	});

	it('recognises structured mode by its content type even when ce- headers are present', () => {
		const message = encodeStructured(envelope, SUBJECT);
		message.headers.set('ce-specversion', '1.0');
		expect(decodeNatsMessage(overTheWire(message))).toMatchObject({
			ok: true,
			envelope: { id: envelope.id },
		});
	});
});

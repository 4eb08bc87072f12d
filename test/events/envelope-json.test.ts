import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	createIntegrationsPublisher,
	ENVELOPE_DATA_JSON,
	envelopeDataJson,
	envelopeJson,
	type IntegrationsEnvelope,
} from '../../src/index.js';
import { makeEnvelope } from '../support/make-envelope.js';
import { validEvents } from '../support/valid-events.js';

/** Envelopes the publisher builds, captured from a sync publisher. */
async function publisherEnvelopes(): Promise<IntegrationsEnvelope[]> {
	const captured: IntegrationsEnvelope[] = [];
	const bus = {
		publishBatch(batch: readonly IntegrationsEnvelope[]) {
			captured.push(...batch);
			return Promise.resolve();
		},
	};
	const publisher = createIntegrationsPublisher({ bus });
	publisher.connected(validEvents.connected);
	publisher.dataSynced(validEvents.dataSynced);
	publisher.apiCalled(validEvents.apiCalled);
	publisher.webhookReceived(validEvents.webhookReceived);
	await publisher.close();
	return captured;
}

const text = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.constantFrom('"', '\\', '\u2028', '\ud800'),
);

describe('envelopeJson', () => {
	it('writes exactly the text JSON.stringify writes for the envelopes the publisher builds', async () => {
		for (const envelope of await publisherEnvelopes()) {
			expect(envelopeJson(envelope)).toBe(JSON.stringify(envelope));
		}
	});

	it('writes exactly JSON.stringify text with trace context present', () => {
		const envelope = {
			...makeEnvelope('apiCalled'),
			traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
			tracestate: 'vendor=a"b',
		};
		expect(envelopeJson(envelope)).toBe(JSON.stringify(envelope));
	});

	it('writes exactly JSON.stringify text for any envelope of the publisher shape (any strings and data)', () => {
		const usual = fc.record(
			{
				id: text,
				type: text,
				source: text,
				specversion: text,
				time: text,
				datacontenttype: text,
				dataschema: text,
				ttlMs: fc.integer(),
				headers: fc.dictionary(text, text),
				data: fc.jsonValue(),
				traceparent: text,
				tracestate: text,
			},
			{
				requiredKeys: [
					'id',
					'type',
					'source',
					'specversion',
					'time',
					'datacontenttype',
					'dataschema',
					'ttlMs',
					'headers',
					'data',
				],
			},
		);
		fc.assert(
			fc.property(usual, (envelope) => {
				const typed = envelope as unknown as IntegrationsEnvelope;
				expect(envelopeJson(typed)).toBe(JSON.stringify(typed));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('parses back to what JSON.stringify writes, for any strings, headers and extra or missing keys', () => {
		const envelopeArb = fc.record(
			{
				id: text,
				type: text,
				source: text,
				specversion: fc.constantFrom('1.0', 1),
				time: text,
				datacontenttype: text,
				dataschema: text,
				subject: text,
				correlationId: text,
				traceparent: fc.oneof(text, fc.integer()),
				ttlMs: fc.oneof(fc.integer(), fc.double()),
				headers: fc.oneof(
					fc.dictionary(text, text),
					fc.dictionary(text, fc.integer()),
					fc.constant(null),
				),
				data: fc.jsonValue(),
				extra: fc.anything(),
			},
			{ requiredKeys: ['id'] },
		);
		fc.assert(
			fc.property(envelopeArb, (candidate) => {
				const envelope = candidate as unknown as IntegrationsEnvelope;
				let expected: string | undefined;
				try {
					expected = JSON.stringify(envelope);
				} catch {
					return; // BigInt in `extra`: JSON.stringify throws, and so does envelopeJson
				}
				expect(JSON.parse(envelopeJson(envelope))).toEqual(JSON.parse(expected));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('sends the JSON a worker validated as it is, without reading data', () => {
		const envelope = { ...makeEnvelope('apiCalled') } as IntegrationsEnvelope;
		const json = '{"integrationId":"from-worker"}';
		Object.defineProperty(envelope, 'data', {
			enumerable: true,
			get: () => {
				throw new Error('data must not be parsed');
			},
		});
		Object.defineProperty(envelope, ENVELOPE_DATA_JSON, { value: json });

		expect(envelopeDataJson(envelope)).toBe(json);
		expect(JSON.parse(envelopeJson(envelope)).data).toEqual({ integrationId: 'from-worker' });
	});

	it('throws as JSON.stringify does for data it cannot write (a cycle)', () => {
		const data: Record<string, unknown> = {};
		data.self = data;
		const envelope = { ...makeEnvelope('apiCalled'), data } as IntegrationsEnvelope;
		expect(() => envelopeJson(envelope)).toThrow(TypeError);
	});

	it('honours an envelope-level toJSON', () => {
		const envelope = { ...makeEnvelope('apiCalled'), toJSON: () => ({ replaced: true }) };
		expect(envelopeJson(envelope as unknown as IntegrationsEnvelope)).toBe('{"replaced":true}');
	});
});

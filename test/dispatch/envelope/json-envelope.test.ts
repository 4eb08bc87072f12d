import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonEnvelope } from '../../../src/dispatch/envelope/json-envelope.js';
import {
	ENVELOPE_DATA_BYTES,
	ENVELOPE_DATA_JSON,
	type IntegrationsEnvelope,
} from '../../../src/index.js';
import { dataSyncedEvent } from '../../support/event-payloads.js';

const FIELDS = {
	id: 'e1',
	type: 'integrations.data.synced',
	source: 'urn:cortex:integrations',
	specversion: '1.0',
	time: '2025-01-01T00:00:00.000Z',
	datacontenttype: 'application/json',
	dataschema: 'https://example.com/schema.json',
	ttlMs: 60_000,
	headers: { 'brainwav-brand': 'brAInwav' },
	data: undefined,
} as IntegrationsEnvelope;

const json = JSON.stringify(dataSyncedEvent(4));
const bytes = new TextEncoder().encode(json);

afterEach(() => {
	vi.restoreAllMocks();
});

describe('JsonEnvelope', () => {
	it('parses data on first read only, once', () => {
		const parse = vi.spyOn(JSON, 'parse');
		const envelope = new JsonEnvelope(FIELDS, bytes);
		expect(parse).not.toHaveBeenCalled();
		expect(envelope.data).toEqual(dataSyncedEvent(4));
		expect(envelope.data).toBe(envelope.data);
		expect(parse).toHaveBeenCalledTimes(1);
	});

	it('looks like a plain envelope to keys, JSON, spreading and structuredClone', () => {
		const envelope = new JsonEnvelope(FIELDS, bytes);
		const plain = { ...FIELDS, data: dataSyncedEvent(4) };
		expect(Object.keys(envelope)).toEqual(Object.keys(plain));
		expect(JSON.parse(JSON.stringify(envelope))).toEqual(plain);
		expect({ ...envelope }).toEqual(plain);
		expect(structuredClone(envelope)).toEqual(plain);
	});

	it('keeps its JSON as text and, for bytes, as the very bytes', () => {
		const fromBytes = new JsonEnvelope(FIELDS, bytes);
		expect(fromBytes[ENVELOPE_DATA_JSON]).toBe(json);
		expect(fromBytes[ENVELOPE_DATA_BYTES]).toBe(bytes);
		const fromText = new JsonEnvelope(FIELDS, json);
		expect(fromText[ENVELOPE_DATA_JSON]).toBe(json);
		expect(fromText[ENVELOPE_DATA_BYTES]).toBeUndefined();
	});

	it('takes a new data value like a plain property', () => {
		const envelope = new JsonEnvelope(FIELDS, bytes);
		envelope.data = { replaced: true };
		expect(envelope.data).toEqual({ replaced: true });
		expect(JSON.parse(JSON.stringify(envelope)).data).toEqual({ replaced: true });
	});
});

import { describe, expect, it } from 'vitest';
import validateBatch from '../../../../src/dispatch/validation/worker/validation-worker.js';
import {
	ITEM_KEEPS_TEXT,
	type ValidationRequest,
	VERDICT_INVALID,
	VERDICT_JSON,
	VERDICT_KEEP,
} from '../../../../src/dispatch/validation-protocol.js';
import { dataSyncedEvent } from '../../../support/event-payloads.js';

const DATA_SYNCED = 1; // topic slot of integrations.data.synced

/** A request for `bodies` (JSON texts), all in one shared slab; `kept`: indexes of string bodies. */
function request(bodies: string[], kept: number[] = []): ValidationRequest {
	const encoded = bodies.map((body) => new TextEncoder().encode(body));
	const slab = new SharedArrayBuffer(encoded.reduce((sum, bytes) => sum + bytes.length, 0));
	const spans = new Int32Array(3 * bodies.length);
	let offset = 0;
	encoded.forEach((bytes, i) => {
		new Uint8Array(slab).set(bytes, offset);
		spans.set([0, offset, offset + bytes.length], 3 * i);
		offset += bytes.length;
	});
	const items = Uint8Array.from(bodies, (_, i) =>
		kept.includes(i) ? DATA_SYNCED | ITEM_KEEPS_TEXT : DATA_SYNCED,
	);
	return { items, spans, slabs: [slab] };
}

describe('the validation worker', () => {
	it('answers with typed arrays over one shared buffer: a verdict per body, JSON only where needed, issues only for invalid bodies', () => {
		const plain = JSON.stringify(dataSyncedEvent(1));
		const extra = JSON.stringify({ ...dataSyncedEvent(2), unknown: { deep: [1, 2] } });
		const invalid = JSON.stringify({ ...dataSyncedEvent(3), status: 'meh' });
		const response = validateBatch(request([plain, plain, extra, invalid, '{"a":'], [0]));
		expect(response.verdicts).toEqual(
			Uint8Array.of(VERDICT_KEEP, VERDICT_JSON, VERDICT_JSON, VERDICT_INVALID, VERDICT_INVALID),
		);
		expect(response.verdicts.buffer).toBeInstanceOf(SharedArrayBuffer);
		expect(response.ends.buffer).toBe(response.verdicts.buffer);
		expect(response.json.buffer).toBe(response.verdicts.buffer);
		const text = (i: number) =>
			new TextDecoder().decode(
				response.json.subarray(i === 0 ? 0 : response.ends[i - 1], response.ends[i]),
			);
		// A string body left as it was sends nothing back; a byte body its bytes; a stripped one its JSON.
		expect(text(0)).toBe('');
		expect(text(1)).toBe(plain);
		expect(text(2)).toBe(JSON.stringify(dataSyncedEvent(2)));
		expect(response.invalid.map(([index, issues]) => [index, issues[0]?.code])).toEqual([
			[3, 'invalid_value'],
			[4, 'invalid_json'],
		]);
		expect(structuredClone(response).invalid).toEqual(response.invalid);
	});
});

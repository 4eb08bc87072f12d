import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeHeaderValue,
	encodeHeaderValue,
} from '../../../../src/bus/nats/codec/ce-header-value.js';

describe('CloudEvents NATS header values', () => {
	it('encodes the binding’s example as the spec shows it', () => {
		expect(encodeHeaderValue('Euro € 😀')).toBe('Euro%20%E2%82%AC%20%F0%9F%98%80');
	});

	it('leaves printable ASCII alone except space, double quote and percent', () => {
		expect(encodeHeaderValue('urn:cortex:integrations')).toBe('urn:cortex:integrations');
		expect(encodeHeaderValue('a "b" 100%')).toBe('a%20%22b%22%20100%25');
		expect(encodeHeaderValue('line\r\nbreak\ttab')).toBe('line%0D%0Abreak%09tab');
	});

	it('round-trips any string (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (value) => {
				const encoded = encodeHeaderValue(value);
				expect(encoded).toMatch(/^[\x21-\x7e]*$/);
				expect(decodeHeaderValue(encoded)).toBe(Buffer.from(value, 'utf8').toString('utf8'));
			}),
			{ numRuns: 500 },
		);
	});

	it('accepts lower-case hex, unnecessary encoding and double-quoted values when decoding', () => {
		expect(decodeHeaderValue('%e2%82%ac')).toBe('€');
		expect(decodeHeaderValue('%61bc')).toBe('abc');
		expect(decodeHeaderValue('"quoted \\"value\\""')).toBe('quoted "value"');
	});

	it('rejects truncated escapes and invalid UTF-8 (an overlong space)', () => {
		expect(decodeHeaderValue('abc%2')).toBeUndefined();
		expect(decodeHeaderValue('%zz')).toBeUndefined();
		expect(decodeHeaderValue('%C0%A0')).toBeUndefined();
	});
});

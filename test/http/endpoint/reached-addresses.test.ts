import { describe, expect, it } from 'vitest';
import { createAddressMatcher } from '../../../src/http/endpoint/address-matcher.js';
import { reachedAddresses } from '../../../src/http/endpoint/reached-addresses.js';

describe('reachedAddresses', () => {
	it.each([
		['0.0.0.0', ['0.0.0.0', '127.0.0.1', '::1']],
		['0.1.2.3', ['0.1.2.3', '127.0.0.1', '::1']],
		['::', ['::', '127.0.0.1', '::1']],
		['::ffff:0.0.0.0', ['::ffff:0.0.0.0', '0.0.0.0', '127.0.0.1', '::1']],
		['::ffff:7f00:1', ['::ffff:7f00:1', '127.0.0.1']],
		['::169.254.169.254', ['::169.254.169.254', '169.254.169.254']],
		['64:ff9b::a9fe:a9fe', ['64:ff9b::a9fe:a9fe', '169.254.169.254']],
		['2002:a9fe:a9fe::1', ['2002:a9fe:a9fe::1', '169.254.169.254']],
		['::1', ['::1']],
		['10.0.0.1', ['10.0.0.1']],
		['2001:db8::1', ['2001:db8::1']],
	])('maps %s to the addresses a connection to it reaches', (address, reached) => {
		expect(reachedAddresses(address)).toEqual(reached);
	});

	it('makes a deny range match every address that reaches into it', () => {
		const loopback = createAddressMatcher(['127.0.0.0/8', '::1/128'], 'denyCidrs');
		for (const address of [
			'0.0.0.0',
			'[::]',
			'::ffff:0.0.0.0',
			'::ffff:127.0.0.1',
			'::127.0.0.1',
		]) {
			expect(loopback.matches(address), address).toBe(true);
		}
		for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1']) {
			expect(loopback.matches(address), address).toBe(false);
		}
	});
});

import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
	createGuardedLookup,
	type LookupFunction,
} from '../../../src/http/endpoint/guarded-lookup.js';
import { createEndpointPolicy } from '../../../src/http/endpoint/index.js';
import { EndpointDeniedError } from '../../../src/mcp/index.js';

const fakeResolver =
	(table: Record<string, string[]>): LookupFunction =>
	(hostname, options, callback) => {
		const addresses: LookupAddress[] = (table[hostname] ?? []).map((address) => ({
			address,
			family: address.includes(':') ? 6 : 4,
		}));
		if (options.all) callback(null, addresses);
		else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
	};

const lookupOnce = (lookup: LookupFunction, hostname: string, all: boolean) =>
	new Promise<{ error: unknown; address: unknown }>((resolve) => {
		lookup(hostname, { all }, (error, address) => resolve({ error, address }));
	});

describe('createGuardedLookup', () => {
	const resolver = fakeResolver({
		'rebind.test': ['169.254.169.254'],
		'mixed.test': ['127.0.0.1', 'fd00:ec2::254'],
		'ok.test': ['127.0.0.1'],
	});
	const lookup = createGuardedLookup(createEndpointPolicy(), resolver);

	it('fails a host that resolves to a metadata address (DNS rebinding)', async () => {
		for (const all of [true, false]) {
			const { error } = await lookupOnce(lookup, 'rebind.test', all);
			expect(error).toBeInstanceOf(EndpointDeniedError);
			expect((error as Error).message).toContain('resolved from rebind.test');
		}
	});

	it('fails when any of the resolved addresses is denied', async () => {
		const { error } = await lookupOnce(lookup, 'mixed.test', true);
		expect(error).toBeInstanceOf(EndpointDeniedError);
	});

	it('passes allowed addresses through unchanged', async () => {
		expect(await lookupOnce(lookup, 'ok.test', true)).toEqual({
			error: null,
			address: [{ address: '127.0.0.1', family: 4 }],
		});
		expect(await lookupOnce(lookup, 'ok.test', false)).toEqual({
			error: null,
			address: '127.0.0.1',
		});
	});
});

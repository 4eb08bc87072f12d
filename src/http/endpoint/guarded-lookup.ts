import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { EndpointPolicy } from './endpoint-policy.js';

/** The callback shape `net.connect` passes to its `lookup` option (single or `all` addresses). */
type LookupCallback = (
	error: NodeJS.ErrnoException | null,
	address: string | LookupAddress[],
	family?: number,
) => void;

/** A `dns.lookup`-compatible resolver, as `net.connect({ lookup })` calls it. */
export type LookupFunction = (
	hostname: string,
	options: LookupOptions,
	callback: LookupCallback,
) => void;

/**
 * Wraps a resolver so every address a connection would use is checked against the policy at
 * connect time: a host that resolves (or re-resolves: DNS rebinding) to a denied address fails with
 * `EndpointDeniedError` before any socket is opened.
 */
export function createGuardedLookup(
	policy: EndpointPolicy,
	resolve: LookupFunction = dnsLookup as unknown as LookupFunction,
): LookupFunction {
	return (hostname, options, callback) => {
		resolve(hostname, options, (error, address, family) => {
			if (error) {
				callback(error, address, family);
				return;
			}
			const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
			for (const candidate of addresses) {
				const denial = policy.checkAddress(candidate, hostname);
				if (denial) {
					callback(denial as NodeJS.ErrnoException, address, family);
					return;
				}
			}
			callback(null, address, family);
		});
	};
}

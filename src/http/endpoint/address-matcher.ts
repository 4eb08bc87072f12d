import { BlockList, isIP } from 'node:net';
import { InvalidOptionError } from '../../common/index.js';
import { reachedAddresses } from './reached-addresses.js';

/**
 * Cloud metadata and link-local ranges denied by default. The IPv6 forms that reach an IPv4 address
 * (mapped, compatible, NAT64, 6to4) match too; see `reachedAddresses`.
 */
export const DEFAULT_DENIED_CIDRS: readonly string[] = Object.freeze([
	'169.254.0.0/16', // IPv4 link-local, incl. AWS/GCP/Azure/OCI metadata 169.254.169.254
	'168.63.129.16/32', // Azure WireServer (platform agent and health probe endpoint)
	'100.100.100.200/32', // Alibaba Cloud metadata
	'fd00:ec2::254/128', // AWS metadata over IPv6
	'fe80::/10', // IPv6 link-local
]);

/** Matches IP addresses against a set of CIDR ranges. */
export interface AddressMatcher {
	/**
	 * True when `address` (IPv4 or IPv6, brackets allowed), or an address a connection to it
	 * reaches (`0.0.0.0` and `::` reach loopback, `::ffff:a.b.c.d` reaches `a.b.c.d`...), is inside
	 * one of the ranges.
	 */
	matches(address: string): boolean;
}

/** Builds a matcher from CIDR strings (`10.0.0.0/8`, `fd00::/8`) or single addresses. */
export function createAddressMatcher(cidrs: readonly string[], option: string): AddressMatcher {
	const list = new BlockList();
	for (const cidr of cidrs) addCidr(list, cidr, option);
	return {
		matches(address) {
			const bare = stripBrackets(address);
			if (isIP(bare) === 0) return false;
			return reachedAddresses(bare).some((reached) =>
				list.check(reached.split('%')[0] ?? reached, isIP(reached) === 4 ? 'ipv4' : 'ipv6'),
			);
		},
	};
}

function addCidr(list: BlockList, cidr: string, option: string): void {
	const [address = '', prefixText] = cidr.trim().split('/');
	const family = isIP(address);
	const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
	const maxPrefix = family === 4 ? 32 : 128;
	if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
		throw new InvalidOptionError(option, `not a CIDR range or IP address: ${JSON.stringify(cidr)}`);
	}
	list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
}

/** `[::1]` → `::1`; other strings unchanged. */
export function stripBrackets(host: string): string {
	return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

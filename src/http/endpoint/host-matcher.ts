import { isIP } from 'node:net';
import { InvalidOptionError } from '../../common/index.js';
import { stripBrackets } from './address-matcher.js';

/** Matches host names against exact names and `*.suffix` wildcards (case-insensitive). */
export interface HostMatcher {
	readonly size: number;
	matches(hostname: string): boolean;
}

/** Cloud metadata host names denied by default. */
export const DEFAULT_DENIED_HOSTS: readonly string[] = Object.freeze([
	'metadata.google.internal',
	'metadata.goog',
	'instance-data.ec2.internal',
]);

/**
 * Lowercases, drops IPv6 brackets and one trailing dot
 * (`Metadata.Google.Internal.` → `metadata.google.internal`, `[::1]` → `::1`).
 */
export function normalizeHostname(hostname: string): string {
	const lower = stripBrackets(hostname.toLowerCase());
	return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function createHostMatcher(patterns: readonly string[], option: string): HostMatcher {
	const exact = new Set<string>();
	const suffixes: string[] = [];
	for (const raw of patterns) {
		const pattern = normalizeHostname(raw.trim());
		const isAddress = isIP(pattern) !== 0;
		if (pattern === '' || pattern.includes('/') || (pattern.includes(':') && !isAddress)) {
			throw new InvalidOptionError(option, `not a host name pattern: ${JSON.stringify(raw)}`);
		}
		if (pattern.startsWith('*.')) suffixes.push(pattern.slice(1));
		else exact.add(pattern);
	}
	return {
		size: exact.size + suffixes.length,
		matches(hostname) {
			const host = normalizeHostname(hostname);
			if (exact.has(host)) return true;
			for (const suffix of suffixes) if (host.endsWith(suffix)) return true;
			return false;
		},
	};
}

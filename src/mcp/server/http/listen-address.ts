import { isIP } from 'node:net';
import { failOption } from '../../../common/index.js';

/** Where the HTTP server listens. */
export interface ListenAddress {
	readonly host: string;
	readonly port: number;
}

/**
 * Parses `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`; `:8080` keeps the default
 * host). Throws `InvalidOptionError` naming `option`.
 */
export function parseListenAddress(
	text: string,
	option: string,
	defaultHost = '127.0.0.1',
): ListenAddress {
	const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
	const port = Number(match?.[3]);
	if (!match || port > 65_535) failOption(option, 'HOST:PORT', text);
	const host = match[1] ?? (match[2] || defaultHost);
	if (match[1] !== undefined && isIP(host) !== 6) {
		failOption(option, 'an IPv6 address in brackets', text);
	}
	return { host, port };
}

/** True for the any-address binds (`0.0.0.0`, `::`), which accept connections on every interface. */
export function isWildcardHost(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '');
	return bare === '0.0.0.0' || bare === '::';
}

/** The host as it appears in a URL and in a `Host` header (`[::1]` for IPv6). */
export function urlHost(host: string): string {
	return isIP(host) === 6 ? `[${host}]` : host;
}

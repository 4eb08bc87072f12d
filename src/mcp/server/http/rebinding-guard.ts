import type { IncomingMessage } from 'node:http';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';

/**
 * DNS-rebinding protection: the reason to refuse a request whose `Host` is not an allowed
 * hostname or whose `Origin` (when present) is foreign, else `undefined`. `'*'` allows any.
 */
export function createRebindingGuard(
	allowedHosts: readonly string[],
	allowedOrigins: readonly string[],
): (req: IncomingMessage) => string | undefined {
	const anyHost = allowedHosts.includes('*');
	const anyOrigin = allowedOrigins.includes('*');
	const hosts = [...allowedHosts];
	const origins = [...allowedOrigins];
	return (req) => {
		if (!anyHost) {
			const host = validateHostHeader(req.headers.host, hosts);
			if (!host.ok) return host.message;
		}
		if (!anyOrigin) {
			const origin = validateOriginHeader(req.headers.origin, origins);
			if (!origin.ok) return origin.message;
		}
		return undefined;
	};
}

/**
 * Headers the HTTP client sets itself: `host` (a shared virtual host must not be reachable by
 * naming it), the hop-by-hop headers of RFC 9110 §7.6.1 and the framing headers. Refused in
 * `config.headers`, as `header:<Name>` credentials and as `apiKeyHeader`.
 */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
	'host',
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade',
	'content-length',
	'expect',
	'http2-settings',
]);

import type { ServerResponse } from 'node:http';

/** Writes a small JSON answer and ends the response. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Readonly<Record<string, string>> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text)),
	});
	res.end(text);
}

/**
 * A refusal before the MCP layer, shaped as the SDK shapes its own (a JSON-RPC error without an id).
 * The connection closes: an unread request body is not drained for a client that was refused.
 */
export function refuse(
	res: ServerResponse,
	status: number,
	message: string,
	headers: Readonly<Record<string, string>> = {},
	code = -32000,
): void {
	sendJson(
		res,
		status,
		{ jsonrpc: '2.0', error: { code, message }, id: null },
		{ ...headers, connection: 'close' },
	);
}

/** 401 with the RFC 6750 challenge; `invalid_token` when a token was sent but is not known. */
export function unauthorized(res: ServerResponse, tokenSent: boolean): void {
	const challenge = tokenSent
		? 'Bearer realm="cortex-integrations", error="invalid_token"'
		: 'Bearer realm="cortex-integrations"';
	refuse(res, 401, 'Unauthorized: a valid bearer token is required', {
		'www-authenticate': challenge,
	});
}

import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsRuntime,
	type IntegrationsHttpOptions,
	type IntegrationsHttpServer,
	type IntegrationsRuntime,
	serveIntegrationsHttp,
} from '../../../../src/mcp/index.js';
import {
	LIST_CALL,
	mcpHeaders,
	rawRequest,
	TOKEN_A,
	TOKEN_B,
} from '../../../support/http-test-client.js';

let runtime: IntegrationsRuntime | undefined;
let http: IntegrationsHttpServer | undefined;

afterEach(async () => {
	await http?.close();
	await runtime?.close();
	http = runtime = undefined;
});

async function serve(options: IntegrationsHttpOptions = { token: TOKEN_A }) {
	runtime = createIntegrationsRuntime();
	http = await serveIntegrationsHttp(runtime, options);
	return http.url;
}

const authorized = (extra: Record<string, string> = {}) =>
	mcpHeaders({ authorization: `Bearer ${TOKEN_A}`, ...extra });
const errorOf = (body: string) =>
	(JSON.parse(body) as { error: { code: number; message: string } }).error;

describe('serveIntegrationsHttp refuses before any MCP handling', () => {
	it('answers 401 with a Bearer challenge without a token, with an unknown token, or another scheme', async () => {
		const url = await serve();
		const cases: Array<[Record<string, string>, string]> = [
			[mcpHeaders(), 'Bearer realm="cortex-integrations"'],
			[mcpHeaders({ authorization: `Bearer ${TOKEN_B}` }), 'error="invalid_token"'],
			[mcpHeaders({ authorization: `Bearer ${TOKEN_A}x` }), 'error="invalid_token"'],
			[mcpHeaders({ authorization: `Basic ${TOKEN_A}` }), 'error="invalid_token"'],
		];
		for (const [headers, challenge] of cases) {
			const answer = await rawRequest(url, { headers, body: LIST_CALL });
			expect(answer.status).toBe(401);
			expect(answer.headers['www-authenticate']).toContain(challenge);
			expect(answer.body).not.toContain('integrations');
		}
		expect(runtime?.closed).toBe(false);
	});

	it('answers 403 to a Host outside the allowed names, even with a valid token (DNS rebinding)', async () => {
		const url = await serve();
		const port = new URL(url).port;
		for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
			const answer = await rawRequest(url, { headers: authorized({ host }), body: LIST_CALL });
			expect(answer.status).toBe(403);
			expect(errorOf(answer.body).message).toMatch(/Invalid Host/);
		}
		const localhost = await rawRequest(url, {
			headers: authorized({ host: `localhost:${port}` }),
			body: LIST_CALL,
		});
		expect(localhost.status).toBe(200);
	});

	it('answers 403 to a foreign Origin and serves a same-host one', async () => {
		const url = await serve();
		const foreign = await rawRequest(url, {
			headers: authorized({ origin: 'https://evil.example' }),
			body: LIST_CALL,
		});
		expect(foreign.status).toBe(403);
		expect(errorOf(foreign.body).message).toMatch(/Invalid Origin/);
		const local = await rawRequest(url, {
			headers: authorized({ origin: 'http://localhost:5173' }),
			body: LIST_CALL,
		});
		expect(local.status).toBe(200);
	});

	it('accepts the configured public names, and any Host or Origin with ["*"]', async () => {
		const url = await serve({ token: TOKEN_A, allowedHosts: ['mcp.example.com'] });
		const named = await rawRequest(url, {
			headers: authorized({ host: 'mcp.example.com', origin: 'https://mcp.example.com' }),
			body: LIST_CALL,
		});
		expect(named.status).toBe(200);
		const loopback = await rawRequest(url, { headers: authorized(), body: LIST_CALL });
		expect(loopback.status).toBe(403);
		await http?.close();
		const open = await serveIntegrationsHttp(runtime!, {
			token: TOKEN_A,
			allowedHosts: ['*'],
			allowedOrigins: ['*'],
		});
		const anyHost = await rawRequest(open.url, {
			headers: authorized({ host: 'anything.example', origin: 'https://elsewhere.example' }),
			body: LIST_CALL,
		});
		expect(anyHost.status).toBe(200);
		await open.close();
	});

	it('answers 413 to a body over maxRequestBodyBytes, declared or streamed, and closes the connection', async () => {
		const url = await serve({ token: TOKEN_A, maxRequestBodyBytes: 4096 });
		const big = JSON.stringify({
			jsonrpc: '2.0',
			id: 1,
			method: 'tools/call',
			params: { name: 'list_integrations', arguments: { pad: 'x'.repeat(8192) } },
		});
		const declared = await rawRequest(url, { headers: authorized(), body: big });
		expect(declared.status).toBe(413);
		expect(declared.headers.connection).toBe('close');
		const streamed = await rawRequest(url, {
			headers: authorized({ 'transfer-encoding': 'chunked' }),
			body: big,
		});
		expect(streamed.status).toBe(413);
		const fits = await rawRequest(url, { headers: authorized(), body: LIST_CALL });
		expect(fits.status).toBe(200);
	});

	it('answers 400 to malformed JSON, 415 to another media type, 404 off /mcp, 405 to GET', async () => {
		const url = await serve();
		const malformed = await rawRequest(url, { headers: authorized(), body: '{"jsonrpc":' });
		expect([malformed.status, errorOf(malformed.body).code]).toEqual([400, -32700]);
		const text = await rawRequest(url, {
			headers: authorized({ 'content-type': 'text/plain' }),
			body: LIST_CALL,
		});
		expect(text.status).toBe(415);
		const elsewhere = await rawRequest(url.replace(/\/mcp$/, '/admin'), {
			headers: authorized(),
			body: LIST_CALL,
		});
		expect(elsewhere.status).toBe(404);
		const get = await rawRequest(url, { method: 'GET', headers: authorized() });
		expect(get.status).toBe(405);
	});
});

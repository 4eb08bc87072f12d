import type { ServerResponse } from 'node:http';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	type IntegrationsRuntime,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import {
	type LocalHttpServer,
	type SeenRequest,
	startLocalServer,
} from '../support/local-http-server.js';

// A hostile target re-encodes the credentials it received and sends them back in every place a
// result carries: the body (whatever the content type says), the Content-Type header, and the tail
// of a body cut at maxResponseBytes. None of those forms may reach a tool result.

guardProcess();

const TOKEN = 'tok-SENTINEL/9f+2d&x<y>';
const USER = 'svc-account';
const PASSWORD = 'pw-SENTINEL-c0ffee';
const PADDED_KEY = '  key-SENTINEL-77aa\t';

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/** Every re-encoding the hostile server uses; each is checked against the results. */
const ENCODERS: Record<string, (secret: string) => string> = {
	raw: (s) => s,
	php: (s) => JSON.stringify(s).slice(1, -1).replaceAll('/', '\\/'),
	go: (s) =>
		JSON.stringify(s)
			.slice(1, -1)
			.replace(/[&<>+]/g, (c) => `\\u${hex(c)}`),
	goUpper: (s) =>
		JSON.stringify(s)
			.slice(1, -1)
			.replace(/[&<>+]/g, (c) => `\\u${hex(c).toUpperCase()}`),
	asciiAll: (s) => [...s].map((c) => `\\u${hex(c)}`).join(''),
	python: (s) => [...s].map((c) => (/[\w-]/.test(c) ? c : `\\x${hex(c).slice(2)}`)).join(''),
	url: (s) => encodeURIComponent(s),
	urlLower: (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
	form: (s) => new URLSearchParams({ v: s }).toString().slice(2),
	html: (s) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join(''),
	htmlHex: (s) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
	base64: (s) => Buffer.from(s).toString('base64'),
	base64url: (s) => Buffer.from(s).toString('base64url'),
	base64InBearer: (s) => Buffer.from(`Bearer ${s}`).toString('base64'),
	base64Shifted: (s) => Buffer.from(`x${s}`).toString('base64'),
	base64Shifted2: (s) => Buffer.from(`xy${s}`).toString('base64'),
};

/** The secrets the server received (header values arrive trimmed), and what it can derive. */
function secretsSeen(req: SeenRequest): string[] {
	const authorization = String(req.headers.authorization ?? '');
	const seen = [authorization, String(req.headers['x-api-key'] ?? '')];
	if (authorization.startsWith('Bearer ')) seen.push(authorization.slice(7));
	if (authorization.startsWith('Basic ')) {
		const pair = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
		seen.push(authorization.slice(6), pair, pair.slice(pair.indexOf(':') + 1));
	}
	return seen.filter((s) => s.length > 0);
}

function reflectAll(req: SeenRequest, contentType: string, res: ServerResponse): void {
	const lines = secretsSeen(req).flatMap((secret) =>
		Object.entries(ENCODERS).map(([name, encode]) => `${name}=${encode(secret)}`),
	);
	res.writeHead(200, { 'content-type': contentType });
	res.end(lines.join('\n'));
}

/** All encoded forms a result must not contain. */
function forbiddenForms(): string[] {
	const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
	const secrets = [TOKEN, PASSWORD, PADDED_KEY.trim(), basic, `${USER}:${PASSWORD}`];
	const forms = secrets.flatMap((s) => Object.values(ENCODERS).map((encode) => encode(s)));
	return [...new Set(['SENTINEL', ...forms.filter((f) => f.length >= 8)])];
}

function assertClean(label: string, value: unknown): void {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const form of forbiddenForms()) {
		const at = text.indexOf(form);
		expect(
			at === -1,
			`${label} leaks ${JSON.stringify(form)}: ${text.slice(Math.max(0, at - 60), at + 60)}`,
		).toBe(true);
	}
}

const open: { server?: LocalHttpServer; runtime?: IntegrationsRuntime; client?: Client } = {};
afterEach(async () => {
	await open.client?.close();
	await open.runtime?.close();
	await open.server?.close();
	open.client = undefined;
});

async function hostileTarget(maxResponseBytes: number) {
	open.server = await startLocalServer((req, res) => {
		const path = req.url.split('?')[0] ?? '';
		const kind = path.split('/').at(-1) ?? '';
		if (kind === 'content-type') {
			res.writeHead(200, { 'content-type': `text/plain; charset=${req.headers.authorization}` });
			res.end('ok');
		} else if (kind === 'basic-alone') {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end(`seen ${String(req.headers.authorization).slice(6)} ok`);
		} else if (kind.startsWith('tail-')) {
			const keep = Number(kind.slice(5));
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(`${'p'.repeat(maxResponseBytes - keep)}${TOKEN}${'z'.repeat(1000)}`);
		} else {
			reflectAll(req, kind === 'json' ? 'application/json' : kind.replace('-', '/'), res);
		}
	});
	const runtime = createIntegrationsRuntime({
		maxResponseBytes,
		defaultRetryPolicy: { maxRetries: 0, backoffMillis: 1 },
		rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
	});
	open.runtime = runtime;
	return runtime;
}

async function createHostile(runtime: IntegrationsRuntime, credentials: Record<string, string>) {
	const { integration } = await runtime.createIntegration({
		name: 'hostile',
		type: 'api',
		config: { endpoint: `${open.server?.url}/v1`, credentials },
	});
	return integration.id;
}

describe('credentials reflected by a hostile target', () => {
	it('redacts every escaped, URL-encoded, HTML and base64 form in the body, whatever the content type', async () => {
		const runtime = await hostileTarget(1_048_576);
		const ids = [
			await createHostile(runtime, { token: TOKEN }),
			await createHostile(runtime, { username: USER, password: PASSWORD }),
			await createHostile(runtime, { apiKey: PADDED_KEY }),
		];
		for (const integrationId of ids) {
			for (const kind of ['text-plain', 'json', 'text-html', 'application-octet-stream']) {
				const result = await runtime.executeIntegration({
					integrationId,
					operation: `GET /${kind}`,
				});
				expect(result.statusCode).toBe(200);
				assertClean(`${kind} body`, result);
			}
		}
		// The server really received and echoed the secrets: the scan is meaningful.
		const seen = open.server?.requests.map((r) => JSON.stringify(r.headers)).join('\n') ?? '';
		expect(seen).toContain('SENTINEL');
	});

	it('redacts a credential reflected in the Content-Type header', async () => {
		const runtime = await hostileTarget(1_048_576);
		const sets: Record<string, string>[] = [
			{ token: TOKEN },
			{ username: USER, password: PASSWORD },
		];
		for (const credentials of sets) {
			const integrationId = await createHostile(runtime, credentials);
			const result = await runtime.executeIntegration({
				integrationId,
				operation: 'GET /content-type',
			});
			expect(result.contentType).toMatch(/^text\/plain; charset=/);
			assertClean('contentType', result);
		}
	});

	it('redacts the base64 of user:password echoed alone', async () => {
		const runtime = await hostileTarget(1_048_576);
		const integrationId = await createHostile(runtime, { username: USER, password: PASSWORD });
		const result = await runtime.executeIntegration({
			integrationId,
			operation: 'GET /basic-alone',
		});
		expect(result.body).toBe('seen [REDACTED] ok');
	});

	it('never leaves the beginning of a credential at the end of a truncated body', async () => {
		const maxResponseBytes = 4096;
		const runtime = await hostileTarget(maxResponseBytes);
		const integrationId = await createHostile(runtime, { token: TOKEN });
		for (let keep = 1; keep < TOKEN.length; keep++) {
			const result = await runtime.executeIntegration({
				integrationId,
				operation: `GET /tail-${keep}`,
			});
			expect(result.truncated).toBe(true);
			const body = String(result.body);
			expect(body.endsWith(TOKEN.slice(0, keep)), `keep ${keep}: ${body.slice(-30)}`).toBe(false);
			expect(body.startsWith('p'.repeat(maxResponseBytes - keep - 1))).toBe(true);
		}
	});

	it('keeps MCP results clean for the same reflections', async () => {
		const runtime = await hostileTarget(1_048_576);
		const mcp = createIntegrationsMcpServer(runtime);
		const client = new Client({ name: 'reflect', version: '1.0.0' });
		open.client = client;
		const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
		await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
		const integrationId = await createHostile(runtime, {
			username: USER,
			password: PASSWORD,
			token: TOKEN,
		});
		for (const operation of [
			'GET /text-plain',
			'GET /json',
			'GET /content-type',
			'GET /basic-alone',
		]) {
			const result = await client.callTool({
				name: 'execute_integration',
				arguments: { integrationId, operation },
			});
			assertClean(`MCP ${operation}`, result);
		}
	});
});

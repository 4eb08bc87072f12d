import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsRuntime,
	type IntegrationsHttpOptions,
	type IntegrationsHttpServer,
	type IntegrationsRuntime,
	serveIntegrationsHttp,
} from '../../../../src/mcp/index.js';
import {
	connectClient,
	LIST_CALL,
	mcpHeaders,
	rawRequest,
	runAllFiveTools,
	SECRET,
	structured,
	TOKEN_A,
	TOKEN_B,
} from '../../../support/http-test-client.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../../support/local-http-server.js';

const TOOLS = [
	'create_integration',
	'test_integration',
	'execute_integration',
	'list_integrations',
	'monitor_integration',
];

let target: LocalHttpServer | undefined;
let runtime: IntegrationsRuntime | undefined;
let http: IntegrationsHttpServer | undefined;

afterEach(async () => {
	await http?.close();
	await runtime?.close();
	await target?.close();
	http = runtime = target = undefined;
});

async function serve(options: IntegrationsHttpOptions = { token: TOKEN_A }) {
	runtime = createIntegrationsRuntime();
	http = await serveIntegrationsHttp(runtime, options);
	return http;
}

/** A target that answers the integration's calls when they carry its credential. */
async function startTarget(delayMillis = 0) {
	target = await startLocalServer(async (req, res) => {
		if (delayMillis > 0) await new Promise((resolve) => setTimeout(resolve, delayMillis));
		if (req.headers.authorization !== `Bearer ${SECRET}`) return sendJson(res, 401, {});
		sendJson(res, 200, { path: req.url });
	});
	return target;
}

describe('serveIntegrationsHttp: the five tools over Streamable HTTP', () => {
	it.each([
		['legacy', '2025-11-25'],
		['auto', '2026-07-28'],
	] as const)(
		'serves all five tools to the official v2 client (%s negotiation → %s)',
		async (mode, version) => {
			const { url } = await serve();
			const endpoint = `${(await startTarget()).url}/v2`;
			const client = await connectClient(url, TOKEN_A, mode);
			try {
				expect(client.getNegotiatedProtocolVersion()).toBe(version);
				const { tools } = await client.listTools();
				expect(tools.map((tool) => tool.name)).toEqual(TOOLS);
				await runAllFiveTools(client, endpoint);
			} finally {
				await client.close();
			}
		},
	);

	it('serves all five tools to the v1-line StreamableHTTPClientTransport', async () => {
		const { url } = await serve();
		const endpoint = `${(await startTarget()).url}/v2`;
		const client = new V1Client({ name: 'v1-client', version: '1.0.0' });
		await client.connect(
			new V1StreamableHTTPClientTransport(new URL(url), {
				requestInit: { headers: { authorization: `Bearer ${TOKEN_A}` } },
			}),
		);
		try {
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name)).toEqual(TOOLS);
			await runAllFiveTools(client, endpoint);
		} finally {
			await client.close();
		}
	});

	it('reports a loopback url when bound to every interface (0.0.0.0), and serves it', async () => {
		const { url } = await serve({ token: TOKEN_A, host: '0.0.0.0' });
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
		const client = await connectClient(url, TOKEN_A);
		try {
			const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
			expect(structured(listed)).toMatchObject({ total: 0 });
		} finally {
			await client.close();
		}
	});

	it('answers a 2025-era call with one JSON body, statelessly (no session id)', async () => {
		const { url } = await serve();
		const answer = await rawRequest(url, {
			headers: mcpHeaders({ authorization: `Bearer ${TOKEN_A}` }),
			body: LIST_CALL,
		});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^application\/json/);
		expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
		expect(answer.headers['mcp-session-id']).toBeUndefined();
		expect(JSON.parse(answer.body)).toMatchObject({
			id: 1,
			result: { structuredContent: { integrations: [], total: 0 } },
		});
	});

	it('keeps tenants apart: each token sees and reaches only its own integrations', async () => {
		const { url } = await serve({ tokens: { [TOKEN_A]: 'acme', [TOKEN_B]: 'globex' } });
		const endpoint = `${(await startTarget()).url}/v2`;
		const [acme, globex] = await Promise.all([
			connectClient(url, TOKEN_A),
			connectClient(url, TOKEN_B),
		]);
		try {
			const created = await acme.callTool({
				name: 'create_integration',
				arguments: {
					name: 'crm',
					type: 'api',
					config: { endpoint, credentials: { token: SECRET } },
				},
			});
			const id = structured<{ integration: { id: string } }>(created).integration.id;
			const list = (client: typeof acme) =>
				client.callTool({ name: 'list_integrations', arguments: {} }).then(structured);
			expect(await list(acme)).toMatchObject({ total: 1 });
			expect(await list(globex)).toMatchObject({ total: 0 });
			const stolen = await globex.callTool({
				name: 'execute_integration',
				arguments: { integrationId: id, operation: 'GET /deals' },
			});
			expect(stolen.isError).toBe(true);
			expect(JSON.stringify(stolen)).toContain('ERR_INTEGRATION_NOT_FOUND');
			expect(target?.requests).toHaveLength(0);
		} finally {
			await Promise.all([acme.close(), globex.close()]);
		}
	});

	it('runs calls in the tenant of the token even when the server options name another', async () => {
		const options = { token: TOKEN_A, tenantId: 'acme', server: { tenantId: 'globex' } };
		const { url } = await serve(options as IntegrationsHttpOptions);
		const client = await connectClient(url, TOKEN_A);
		try {
			await client.callTool({
				name: 'create_integration',
				arguments: { name: 'crm', type: 'webhook', config: { endpoint: 'http://127.0.0.1:9/h' } },
			});
		} finally {
			await client.close();
		}
		const inAcme = await runtime!.listIntegrations({}, { tenantId: 'acme' });
		const inGlobex = await runtime!.listIntegrations({}, { tenantId: 'globex' });
		expect([inAcme.total, inGlobex.total]).toEqual([1, 0]);
	});
});

describe('serveIntegrationsHttp: GET /healthz', () => {
	const health = (url: string) => rawRequest(url.replace(/\/mcp$/, '/healthz'), { method: 'GET' });

	it('answers 200 without a token when the store has no ping (memory)', async () => {
		const { url } = await serve();
		const answer = await health(url);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
	});

	it('answers 200 while the store pings, 503 when its ping fails or outlasts the deadline, logging the outage once', async () => {
		let ping: () => Promise<void> = () => Promise.resolve();
		const warnings: string[] = [];
		const noop = () => {};
		const logger = {
			error: noop,
			info: noop,
			debug: noop,
			warn: (_: object, msg: string) => warnings.push(msg),
		};
		const store = { ping: () => ping() };
		const { url } = await serve({ token: TOKEN_A, store, healthTimeoutMillis: 50, logger });
		expect((await health(url)).status).toBe(200);
		ping = () => Promise.reject(new Error('nats://user:pw@nats:4222 unreachable'));
		const failed = await health(url);
		expect(failed.status).toBe(503);
		expect(failed.body).not.toContain('user:pw');
		ping = () => new Promise(() => {});
		expect((await health(url)).status).toBe(503);
		expect(warnings).toEqual(['health check failed: store unreachable']);
		ping = () => Promise.resolve();
		expect((await health(url)).status).toBe(200);
	});
});

describe('serveIntegrationsHttp: close()', () => {
	it('lets a call in flight finish, refuses new connections, and runs once', async () => {
		const { url } = await serve();
		const endpoint = (await startTarget(300)).url;
		const client = await connectClient(url, TOKEN_A);
		const created = await client.callTool({
			name: 'create_integration',
			arguments: {
				name: 'slow',
				type: 'api',
				config: { endpoint, credentials: { token: SECRET } },
			},
		});
		const integrationId = structured<{ integration: { id: string } }>(created).integration.id;
		const call = client.callTool({
			name: 'execute_integration',
			arguments: { integrationId, operation: 'GET /slow' },
		});
		await expect.poll(() => target?.requests.length).toBe(1);
		const closing = http!.close();
		expect(http!.close()).toBe(closing);
		expect(structured(await call)).toMatchObject({ statusCode: 200 });
		await closing;
		await expect(rawRequest(url, { headers: mcpHeaders(), body: LIST_CALL })).rejects.toThrow(
			/ECONNREFUSED/,
		);
		await client.close().catch(() => {});
	});

	it('aborts calls still in flight after shutdownTimeoutMillis', async () => {
		const { url } = await serve({ token: TOKEN_A, shutdownTimeoutMillis: 100 });
		const endpoint = (await startTarget(5_000)).url;
		const client = await connectClient(url, TOKEN_A);
		const created = await client.callTool({
			name: 'create_integration',
			arguments: {
				name: 'stuck',
				type: 'api',
				config: { endpoint, credentials: { token: SECRET } },
			},
		});
		const integrationId = structured<{ integration: { id: string } }>(created).integration.id;
		const call = client.callTool({
			name: 'execute_integration',
			arguments: { integrationId, operation: 'GET /stuck', timeout: 60_000 },
		});
		call.catch(() => {});
		await expect.poll(() => target?.requests.length).toBe(1);
		const startedAt = Date.now();
		await http!.close();
		expect(Date.now() - startedAt).toBeLessThan(2_000);
		await expect(call).rejects.toThrow();
		await client.close().catch(() => {});
	});
});

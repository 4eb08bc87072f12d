import type { LookupAddress } from 'node:dns';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
	CREATE_LIMITS,
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	type IntegrationsRuntime,
	type LookupFunction,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';
import { timeoutForRuns } from '../support/reliability-runs.js';

// Tenants never share a connection; denied endpoints (cloud metadata, link-local) cannot be reached
// in any spelling, through DNS, or by redirect; tool inputs and results stay within their caps.

guardProcess();

const RUNS = Math.max(10, Math.round(Number(process.env.RELIABILITY_RUNS ?? 800) / 40));
/** The property's timeout grows with its runs (about 50 ms a run measured; never under 60 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 50, 60_000);

const open: {
	servers: LocalHttpServer[];
	runtimes: IntegrationsRuntime[];
	clients: Client[];
} = { servers: [], runtimes: [], clients: [] };
afterEach(async () => {
	for (const client of open.clients.splice(0)) await client.close();
	for (const runtime of open.runtimes.splice(0)) await runtime.close();
	for (const server of open.servers.splice(0)) await server.close();
});

async function server(handler: Parameters<typeof startLocalServer>[0]) {
	const started = await startLocalServer(handler);
	open.servers.push(started);
	return started;
}

function runtimeWith(options: Parameters<typeof createIntegrationsRuntime>[0] = {}) {
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
		...options,
	});
	open.runtimes.push(runtime);
	return runtime;
}

async function mcpClient(runtime: IntegrationsRuntime, options = {}) {
	const mcp = createIntegrationsMcpServer(runtime, options);
	const client = new Client({ name: 'isolation', version: '1.0.0' });
	const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
	await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
	open.clients.push(client);
	return client;
}

const TENANTS = ['tenant-a', 'tenant-b', 'tenant-c'] as const;

describe('tenant isolation of pooled connections', { timeout: RUNS_TIMEOUT }, () => {
	it('a socket only ever carries requests of one tenant, under random concurrent traffic and agent eviction (property)', async () => {
		const local = await server((_req, res) => sendJson(res, 200, { ok: true }));
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						tenant: fc.constantFrom(...TENANTS),
						sameCredentials: fc.boolean(),
						concurrency: fc.integer({ min: 1, max: 6 }),
					}),
					{ minLength: 1, maxLength: 12 },
				),
				fc.integer({ min: 1, max: 3 }),
				async (steps, maxAgents) => {
					const runtime = runtimeWith({ http: { maxAgents, connectionsPerOrigin: 4 } });
					const ids = new Map<string, string>();
					for (const tenant of TENANTS) {
						for (const shared of [true, false]) {
							const token = shared ? 'shared-token-1234' : `${tenant}-token-1234`;
							const { integration } = await runtime.createIntegration(
								{
									name: tenant,
									type: 'api',
									config: {
										endpoint: local.url,
										credentials: { token },
										headers: { 'x-tenant': tenant },
									},
								},
								{ tenantId: tenant },
							);
							ids.set(`${tenant}/${shared}`, integration.id);
						}
					}
					const before = local.requests.length;
					for (const step of steps) {
						const integrationId = ids.get(`${step.tenant}/${step.sameCredentials}`)!;
						await Promise.all(
							Array.from({ length: step.concurrency }, () =>
								runtime.executeIntegration(
									{ integrationId, operation: 'GET /ping' },
									{ tenantId: step.tenant },
								),
							),
						);
					}
					const tenantOfSocket = new Map<number, string>();
					for (const request of local.requests.slice(before)) {
						const tenant = String(request.headers['x-tenant']);
						const owner = tenantOfSocket.get(request.socketId) ?? tenant;
						expect(owner, `socket ${request.socketId}`).toBe(tenant);
						tenantOfSocket.set(request.socketId, tenant);
					}
					await runtime.close();
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('a tenant opening more pools than maxAgents never closes another tenant’s pool in use, even mid-retry', async () => {
		let victimAttempts = 0;
		let firstAttemptSeen = () => {};
		const seen = new Promise<void>((resolve) => {
			firstAttemptSeen = resolve;
		});
		const local = await server((req, res) => {
			if (req.url.startsWith('/victim') && ++victimAttempts === 1) {
				firstAttemptSeen();
				sendJson(res, 503, {}, { 'retry-after': '1' });
				return;
			}
			sendJson(res, 200, { ok: true });
		});
		const maxAgents = 4;
		const runtime = runtimeWith({ http: { maxAgents } });
		const create = async (tenantId: string, token: string) => {
			const { integration } = await runtime.createIntegration(
				{
					name: tenantId,
					type: 'api',
					config: {
						endpoint: local.url,
						credentials: { token },
						retryPolicy: { maxRetries: 2, backoffMs: 10 },
					},
				},
				{ tenantId },
			);
			return integration.id;
		};
		const victim = await create('victim', 'victim-token-1234');
		const pending = runtime.executeIntegration(
			{ integrationId: victim, operation: 'GET /victim' },
			{ tenantId: 'victim' },
		);
		await seen;
		for (let i = 0; i <= maxAgents; i++) {
			const id = await create('hostile', `hostile-token-${i}-1234`);
			const result = await runtime.executeIntegration(
				{ integrationId: id, operation: 'GET /hostile' },
				{ tenantId: 'hostile' },
			);
			expect(result.statusCode).toBe(200);
		}
		await expect(pending).resolves.toMatchObject({ statusCode: 200, attempts: 2 });
	});

	it('a tenant cannot see, test, execute or monitor another tenant’s integration, over MCP either', async () => {
		const local = await server((_req, res) => sendJson(res, 200, {}));
		const runtime = runtimeWith();
		const { integration } = await runtime.createIntegration(
			{ name: 'a', type: 'api', config: { endpoint: local.url } },
			{ tenantId: 'tenant-a' },
		);
		const client = await mcpClient(runtime, { tenantId: () => 'tenant-b' });
		for (const [name, args] of [
			['test_integration', { integrationId: integration.id }],
			['execute_integration', { integrationId: integration.id, operation: 'GET' }],
			['monitor_integration', { integrationId: integration.id }],
		] as const) {
			const result = await client.callTool({ name, arguments: args });
			expect(result.isError).toBe(true);
			expect((result.content as { text: string }[])[0]?.text).toMatch(/^ERR_INTEGRATION_NOT_FOUND/);
		}
		const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
		expect(listed.structuredContent).toMatchObject({ integrations: [], total: 0 });
		expect(local.requests).toHaveLength(0);
	});
});

describe('denied endpoints', () => {
	const DENIED_SPELLINGS = [
		'http://169.254.169.254/latest/meta-data/',
		'http://2852039166/', // decimal
		'http://0xa9.0xfe.0xa9.0xfe/', // hex
		'http://0251.0376.0251.0376/', // octal
		'http://169.254.169.254.:80/', // trailing dot
		'http://[::ffff:169.254.169.254]/', // IPv4-mapped IPv6
		'http://[::ffff:a9fe:a9fe]/',
		'http://[fd00:ec2::254]/',
		'http://100.100.100.200/',
		'http://169.254.1.1/', // link-local
		'http://[fe80::1]/',
		'https://[FE80::abcd]:8443/',
		'http://metadata.google.internal/',
		'http://METADATA.Google.Internal./',
		'http://metadata.goog/',
	];

	it('refuses every spelling of a metadata or link-local address at create time', async () => {
		const runtime = runtimeWith();
		for (const endpoint of DENIED_SPELLINGS) {
			await expect(
				runtime.createIntegration({ name: 'm', type: 'api', config: { endpoint } }),
				endpoint,
			).rejects.toMatchObject({ code: 'ERR_ENDPOINT_DENIED' });
		}
	});

	it('never follows a redirect, to a denied address or anywhere else', async () => {
		const elsewhere = await server((_req, res) => sendJson(res, 200, { reached: true }));
		const targets = [
			'http://169.254.169.254/latest/meta-data/iam/',
			'http://[::ffff:169.254.169.254]/',
			'http://metadata.google.internal/computeMetadata/v1/',
			`${elsewhere.url}/followed`,
		];
		const redirecting = await server((req, res) => {
			const index = Number(req.url.split('/').at(-1));
			const status = [301, 302, 303, 307, 308][index % 5] as number;
			res.writeHead(status, { location: targets[index % targets.length] }).end();
		});
		const lookups: string[] = [];
		const resolve: LookupFunction = (hostname, options, callback) => {
			lookups.push(hostname);
			if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 } as LookupAddress]);
			else callback(null, '127.0.0.1', 4);
		};
		const runtime = runtimeWith({ http: { resolve } });
		const { integration } = await runtime.createIntegration({
			name: 'r',
			type: 'api',
			config: { endpoint: redirecting.url },
		});
		for (let i = 0; i < 10; i++) {
			const result = await runtime.executeIntegration({
				integrationId: integration.id,
				operation: `GET /r/${i}`,
			});
			expect(result.statusCode).toBeGreaterThanOrEqual(300);
			expect(result.statusCode).toBeLessThan(400);
		}
		const tested = await runtime.testIntegration({
			integrationId: integration.id,
			testType: 'full',
		});
		expect(tested.checks[0]?.statusCode).toBeGreaterThanOrEqual(300);
		expect(elsewhere.requests).toHaveLength(0);
		expect(lookups).toEqual([]); // 127.0.0.1 literal: no name was ever resolved
	});

	it('refuses a host that re-resolves to the metadata address for a new connection (DNS rebinding)', async () => {
		const local = await server((_req, res) => {
			res.setHeader('connection', 'close');
			sendJson(res, 200, { ok: true });
		});
		let calls = 0;
		const resolve: LookupFunction = (_hostname, options, callback) => {
			const address = calls++ === 0 ? '127.0.0.1' : '169.254.169.254';
			if (options.all) callback(null, [{ address, family: 4 } as LookupAddress]);
			else callback(null, address, 4);
		};
		const runtime = runtimeWith({
			http: { resolve },
			defaultRetryPolicy: { maxRetries: 0, backoffMillis: 1 },
		});
		const port = new URL(local.url).port;
		const { integration } = await runtime.createIntegration({
			name: 'rebind',
			type: 'api',
			config: { endpoint: `http://rebind.test:${port}/` },
		});
		const first = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET',
		});
		expect(first.statusCode).toBe(200);
		await expect(
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).rejects.toMatchObject({ code: 'ERR_ENDPOINT_DENIED' });
		expect(local.requests).toHaveLength(1);
		expect(calls).toBe(2);
	});
});

describe('size caps of tool inputs and results', () => {
	/** An integration at every CREATE_LIMITS bound: the largest view a listing can return. */
	function maximalInput(i: number, endpoint: string) {
		const key = (prefix: string, n: number) =>
			`${prefix}${n}-`.padEnd(CREATE_LIMITS.maxKeyLength, 'k');
		return {
			name: `n${i}`.padEnd(CREATE_LIMITS.maxNameLength, 'n'),
			type: 'api',
			config: {
				endpoint,
				headers: Object.fromEntries(
					Array.from({ length: CREATE_LIMITS.maxHeaders }, (_, n) => [key('x-h', n), 'v']),
				),
				credentials: Object.fromEntries(
					Array.from({ length: CREATE_LIMITS.maxCredentials }, (_, n) => [key('c', n), 'secret-v']),
				),
			},
		};
	}

	it('refuses keys beyond maxKeyLength, so a stored integration stays small', async () => {
		const runtime = runtimeWith();
		const endpoint = 'http://127.0.0.1:9/';
		const tooLong = 'k'.repeat(CREATE_LIMITS.maxKeyLength + 1);
		for (const config of [
			{ endpoint, headers: { [tooLong]: 'v' } },
			{ endpoint, credentials: { [tooLong]: 'v' } },
			{ endpoint, credentials: { [`header:${tooLong}`]: 'v' } },
		]) {
			await expect(
				runtime.createIntegration({ name: 'x', type: 'api', config }),
			).rejects.toMatchObject({
				code: 'ERR_INVALID_INPUT',
			});
		}
		const { integration } = await runtime.createIntegration(maximalInput(0, endpoint));
		expect(JSON.stringify(integration).length).toBeLessThan(40_000);
	});

	it('keeps every list_integrations result under maxResultChars, and nextCursor still walks every integration once', async () => {
		const runtime = runtimeWith();
		const created = new Set<string>();
		for (let i = 0; i < 30; i++) {
			const { integration } = await runtime.createIntegration(
				maximalInput(i, 'http://127.0.0.1:9/'),
			);
			created.add(integration.id);
		}
		const maxResultChars = 60_000;
		const client = await mcpClient(runtime, { maxResultChars });
		const seen: string[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 100; page++) {
			const result = await client.callTool({
				name: 'list_integrations',
				arguments: { limit: 100, ...(cursor && { cursor }) },
			});
			expect(result.isError).toBeFalsy();
			const content = result.structuredContent as {
				integrations: { id: string }[];
				nextCursor?: string;
			};
			expect(JSON.stringify(content).length).toBeLessThanOrEqual(maxResultChars);
			seen.push(...content.integrations.map((i) => i.id));
			cursor = content.nextCursor;
			if (!cursor) break;
		}
		expect(seen).toHaveLength(created.size);
		expect(new Set(seen)).toEqual(created);
	});

	it('cuts a 5 MB response to maxResponseBytes and the MCP result to maxResultChars', async () => {
		const local = await server((_req, res) =>
			sendJson(res, 200, { blob: 'x'.repeat(5 * 1024 * 1024) }),
		);
		const runtime = runtimeWith({ maxResponseBytes: 256 * 1024 });
		const { integration } = await runtime.createIntegration({
			name: 'big',
			type: 'api',
			config: { endpoint: local.url },
		});
		const direct = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET',
		});
		expect(direct).toMatchObject({ truncated: true, responseBytes: 256 * 1024 });
		const client = await mcpClient(runtime);
		const result = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: integration.id, operation: 'GET' },
		});
		expect(JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(100_000);
		expect((result.content as { text: string }[])[0]?.text.length).toBeLessThan(101_000);
	});
});

import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { integrationsMcpTools } from '../../../src/index.js';
import {
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	INTEGRATIONS_TOOL_DEFINITIONS,
	type IntegrationsRuntime,
} from '../../../src/mcp/index.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../support/local-http-server.js';

const SECRET = 'tok-SENTINEL-93bd';
const open: { server?: LocalHttpServer; runtime?: IntegrationsRuntime; client?: Client } = {};

afterEach(async () => {
	await open.client?.close();
	await open.runtime?.close();
	await open.server?.close();
});

async function connect(runtimeOptions = {}, serverOptions = {}) {
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 1000, burst: 1000 },
		...runtimeOptions,
	});
	const mcp = createIntegrationsMcpServer(runtime, serverOptions);
	const client = new Client({ name: 'test-client', version: '1.0.0' });
	const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
	await Promise.all([mcp.connect(serverTransport), client.connect(clientTransport)]);
	open.runtime = runtime;
	open.client = client;
	return { runtime, client };
}

const structured = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;
const text = (result: unknown) =>
	(result as { content: { text: string }[] }).content[0]?.text ?? '';

async function createVia(client: Client, endpoint: string, name = 'svc') {
	const result = await client.callTool({
		name: 'create_integration',
		arguments: { name, type: 'api', config: { endpoint, credentials: { token: SECRET } } },
	});
	return structured<{ integration: { id: string } }>(result).integration.id;
}

describe('createIntegrationsMcpServer', () => {
	it('lists the five tools in upstream order with titles, annotations and both schemas', async () => {
		const { client } = await connect();
		const { tools } = await client.listTools();
		expect(tools.map((t) => t.name)).toEqual(integrationsMcpTools.map((t) => t.name));
		for (const tool of tools) {
			expect(tool.title).toBeTruthy();
			expect(tool.description?.length).toBeGreaterThan(60);
			expect(tool.inputSchema.type).toBe('object');
			expect(tool.outputSchema?.type).toBe('object');
			expect(tool.annotations).toMatchObject({
				readOnlyHint: expect.any(Boolean),
				destructiveHint: expect.any(Boolean),
				idempotentHint: expect.any(Boolean),
				openWorldHint: expect.any(Boolean),
			});
		}
		const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
		expect(byName.list_integrations?.annotations).toMatchObject({
			readOnlyHint: true,
			openWorldHint: false,
		});
		expect(byName.execute_integration?.annotations).toMatchObject({
			destructiveHint: true,
			openWorldHint: true,
		});
		expect(byName.list_integrations?.inputSchema.properties).toHaveProperty('cursor');
		expect(byName.monitor_integration?.inputSchema.properties).toHaveProperty('refresh');
		expect(JSON.stringify(byName.create_integration?.inputSchema)).toContain('kept in memory only');
	});

	it('builds every input and output JSON Schema without error, for both directions', () => {
		for (const definition of INTEGRATIONS_TOOL_DEFINITIONS) {
			for (const schema of [definition.inputSchema, definition.outputSchema]) {
				expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
				expect(() => z.toJSONSchema(schema, { io: 'output' })).not.toThrow();
			}
		}
	});

	it('runs each tool with structured content validated by the client against the output schema', async () => {
		open.server = await startLocalServer((req, res) => sendJson(res, 200, { path: req.url }));
		const { client } = await connect();
		await client.listTools();
		const id = await createVia(client, `${open.server.url}/api`);
		const tested = await client.callTool({
			name: 'test_integration',
			arguments: { integrationId: id, testType: 'full' },
		});
		expect(structured(tested)).toMatchObject({ passed: true, status: 'active' });
		const executed = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: id, operation: 'GET /ping' },
		});
		expect(executed.isError).toBeUndefined();
		expect(structured(executed)).toMatchObject({ statusCode: 200, body: { path: '/api/ping' } });
		expect(text(executed)).toMatch(/^GET .*\/api\/ping returned HTTP 200/);
		const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
		expect(structured(listed)).toMatchObject({
			total: 1,
			integrations: [{ id, status: 'active' }],
		});
		const monitored = await client.callTool({
			name: 'monitor_integration',
			arguments: { integrationId: id },
		});
		expect(structured(monitored)).toMatchObject({ sampleCount: 1, successRate: 1, cached: false });
		for (const result of [tested, executed, listed, monitored]) {
			expect(JSON.parse(text(result).slice(text(result).indexOf('\n') + 1))).toEqual(
				structured(result),
			);
			expect(JSON.stringify(result)).not.toContain(SECRET);
		}
	});

	it('returns bad arguments and business errors as isError results with actionable text', async () => {
		const { client } = await connect();
		const bad = await client.callTool({
			name: 'create_integration',
			arguments: { name: 'x', type: 'ftp', config: {} },
		});
		expect(bad.isError).toBe(true);
		expect(text(bad)).toContain('type');
		const missing = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: 'int_x', operation: 'GET' },
		});
		expect(missing.isError).toBe(true);
		expect(text(missing)).toMatch(/^ERR_INTEGRATION_NOT_FOUND: .*list_integrations/);
		const cursor = await client.callTool({
			name: 'list_integrations',
			arguments: { cursor: 'bogus' },
		});
		expect(text(cursor)).toMatch(/^ERR_INVALID_CURSOR/);
		const denied = await client.callTool({
			name: 'create_integration',
			arguments: { name: 'm', type: 'api', config: { endpoint: 'http://169.254.169.254/latest' } },
		});
		expect(text(denied)).toMatch(/^ERR_ENDPOINT_DENIED/);
	});

	it('answers an unknown tool with a protocol error', async () => {
		const { client } = await connect();
		await expect(client.callTool({ name: 'drop_everything', arguments: {} })).rejects.toThrow(
			/drop_everything/,
		);
	});

	it('walks every page of list_integrations with nextCursor', async () => {
		const { client, runtime } = await connect();
		for (let i = 0; i < 45; i++)
			await runtime.createIntegration({
				name: `n${i}`,
				type: i % 2 ? 'api' : 'webhook',
				config: {},
			});
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const result = await client.callTool({
				name: 'list_integrations',
				arguments: { type: 'api', limit: 10, ...(cursor && { cursor }) },
			});
			const page = structured<{
				integrations: { name: string }[];
				nextCursor?: string;
				total: number;
			}>(result);
			expect(page.total).toBe(22);
			seen.push(...page.integrations.map((i) => i.name));
			cursor = page.nextCursor;
			if (cursor) expect(text(result)).toContain(cursor);
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toEqual(Array.from({ length: 22 }, (_, k) => `n${2 * k + 1}`));
	});

	it('reports an HTTP error status as an isError result that still carries the response', async () => {
		open.server = await startLocalServer((_req, res) =>
			sendJson(res, 422, { error: 'invalid contact' }),
		);
		const { client } = await connect();
		const id = await createVia(client, open.server.url);
		const result = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: id, operation: 'POST /contacts', payload: {} },
		});
		expect(result.isError).toBe(true);
		expect(structured(result)).toMatchObject({
			statusCode: 422,
			ok: false,
			body: { error: 'invalid contact' },
		});
	});

	it('caps a large response body to the result size limit', async () => {
		open.server = await startLocalServer((_req, res) =>
			sendJson(res, 200, { blob: 'x'.repeat(50_000) }),
		);
		const { client } = await connect({}, { maxResultChars: 5_000 });
		await client.listTools();
		const id = await createVia(client, open.server.url);
		const result = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: id, operation: 'GET' },
		});
		const content = structured<{ truncated: boolean; body: string }>(result);
		expect(content.truncated).toBe(true);
		expect(JSON.stringify(content).length).toBeLessThanOrEqual(5_000);
		expect(text(result)).toContain('truncated');
	});

	it('sends progress notifications during execute_integration', async () => {
		let calls = 0;
		open.server = await startLocalServer((_req, res) => sendJson(res, ++calls < 3 ? 503 : 200, {}));
		const { client } = await connect({ defaultRetryPolicy: { maxRetries: 3, backoffMillis: 1 } });
		const id = await createVia(client, open.server.url);
		const progress: { progress: number; total?: number; message?: string }[] = [];
		const result = await client.callTool(
			{ name: 'execute_integration', arguments: { integrationId: id, operation: 'GET /p' } },
			{ onprogress: (p) => progress.push(p) },
		);
		expect(structured(result)).toMatchObject({ statusCode: 200, attempts: 3 });
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5]);
		expect(progress.at(-1)).toMatchObject({ progress: 5, total: 5 });
		expect(progress[1]?.message).toContain('attempt 1/4');
	});

	it('aborts the outbound request when the client cancels', async () => {
		let closed = 0;
		open.server = await startLocalServer((_req, res) => {
			res.on('close', () => closed++);
		});
		const { client } = await connect();
		const id = await createVia(client, open.server.url);
		const controller = new AbortController();
		const call = client.callTool(
			{ name: 'execute_integration', arguments: { integrationId: id, operation: 'GET /hang' } },
			{ signal: controller.signal },
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		controller.abort('user cancelled');
		await expect(call).rejects.toThrow();
		await expect.poll(() => closed).toBe(1);
	});

	it('times out on the client side and aborts the request on the server', async () => {
		let closed = 0;
		open.server = await startLocalServer((_req, res) => {
			res.on('close', () => closed++);
		});
		const { client } = await connect();
		const id = await createVia(client, open.server.url);
		await expect(
			client.callTool(
				{ name: 'execute_integration', arguments: { integrationId: id, operation: 'GET /hang' } },
				{ timeout: 100 },
			),
		).rejects.toThrow(/timed out/i);
		await expect.poll(() => closed).toBe(1);
	});

	it('reports a server-side deadline as an ERR_TIMEOUT error result', async () => {
		open.server = await startLocalServer(() => {});
		const { client } = await connect();
		const id = await createVia(client, open.server.url);
		const result = await client.callTool({
			name: 'execute_integration',
			arguments: { integrationId: id, operation: 'GET', timeout: 50 },
		});
		expect(result.isError).toBe(true);
		expect(text(result)).toMatch(/^ERR_TIMEOUT/);
	});

	it('isolates tenants chosen by the tenantId option', async () => {
		const runtime = createIntegrationsRuntime();
		open.runtime = runtime;
		const pair = async (tenantId: string) => {
			const client = new Client({ name: tenantId, version: '1' });
			const [a, b] = InMemoryTransport.createLinkedPair();
			await Promise.all([
				createIntegrationsMcpServer(runtime, { tenantId }).connect(b),
				client.connect(a),
			]);
			return client;
		};
		const alice = await pair('alice');
		const bob = await pair('bob');
		await alice.callTool({
			name: 'create_integration',
			arguments: { name: 'a', type: 'api', config: {} },
		});
		const seenByBob = await bob.callTool({ name: 'list_integrations', arguments: {} });
		expect(structured(seenByBob)).toMatchObject({ total: 0, integrations: [] });
		await alice.close();
		await bob.close();
	});
});

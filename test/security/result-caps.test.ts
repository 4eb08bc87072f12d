import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	EXECUTE_LIMITS,
	type IntegrationsRuntime,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, startLocalServer } from '../support/local-http-server.js';
import { maximalCreate } from '../support/maximal-create.js';
import { spawnCli } from '../support/raw-stdio-client.js';

// A hostile client makes results large (a huge `operation` echoed in the result, a response full of
// characters JSON escapes) and sends a line longer than the stdio limit. Every tool result, both
// copies included, stays under maxResultChars; an oversized line is answered with an error and the
// CLI keeps serving.

guardProcess();

const MiB = 1024 * 1024;

const open: { servers: LocalHttpServer[]; runtimes: IntegrationsRuntime[]; clients: Client[] } = {
	servers: [],
	runtimes: [],
	clients: [],
};
afterEach(async () => {
	for (const client of open.clients.splice(0)) await client.close();
	for (const runtime of open.runtimes.splice(0)) await runtime.close();
	for (const server of open.servers.splice(0)) await server.close();
});

async function quoteServer() {
	// JSON-escaping doubles this body: every character is a quote or a backslash.
	const server = await startLocalServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('"\\'.repeat(200_000));
	});
	open.servers.push(server);
	return server;
}

async function connect(maxResultChars: number) {
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
	});
	const client = new Client({ name: 'caps', version: '1.0.0' });
	const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
	await Promise.all([
		createIntegrationsMcpServer(runtime, { maxResultChars }).connect(serverSide),
		client.connect(clientSide),
	]);
	open.runtimes.push(runtime);
	open.clients.push(client);
	return { runtime, client };
}

const size = (result: unknown) => JSON.stringify(result).length;

describe('maxResultChars caps the whole result', () => {
	it('refuses an operation longer than EXECUTE_LIMITS.maxOperationLength instead of echoing it', async () => {
		const server = await quoteServer();
		const { runtime, client } = await connect(100_000);
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: server.url },
		});
		for (const operation of [`GET /${'a'.repeat(3 * MiB)}`, 'b'.repeat(3 * MiB)]) {
			await expect(
				runtime.executeIntegration({ integrationId: integration.id, operation }),
			).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
			const result = await client.callTool({
				name: 'execute_integration',
				arguments: { integrationId: integration.id, operation },
			});
			expect(result.isError).toBe(true);
			expect((result.content as { text: string }[])[0]?.text).toMatch(/^ERR_INVALID_INPUT/);
			expect(size(result)).toBeLessThan(2_000);
		}
		const longest = `GET /${'c'.repeat(EXECUTE_LIMITS.maxOperationLength - 5)}`;
		const ok = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: longest,
		});
		expect(ok.statusCode).toBe(200);
		expect(server.requests).toHaveLength(1);
	});

	it('keeps structuredContent and the text copy together under maxResultChars, for every tool', async () => {
		const server = await quoteServer();
		const maxResultChars = 60_000;
		const { client } = await connect(maxResultChars);
		const results: unknown[] = [];
		const call = async (name: string, args: Record<string, unknown>) => {
			const result = await client.callTool({ name, arguments: args });
			results.push(result);
			return result;
		};
		for (let i = 0; i < 6; i++) await call('create_integration', maximalCreate(i));
		// Headers at every bound exceed what a real server accepts: call with a small integration.
		const created = await call('create_integration', {
			name: 'quotes',
			type: 'api',
			config: { endpoint: server.url, credentials: { token: 'quote-token-1234' } },
		});
		const id = (created.structuredContent as { integration: { id: string } }).integration.id;
		const executed = await call('execute_integration', { integrationId: id, operation: 'GET' });
		expect(executed.structuredContent).toMatchObject({ truncated: true, statusCode: 200 });
		await call('list_integrations', { limit: 100 });
		await call('test_integration', { integrationId: id, testType: 'full' });
		await call('monitor_integration', { integrationId: id });
		for (const result of results) {
			expect(size(result)).toBeLessThanOrEqual(maxResultChars);
		}
	});

	it('answers a result that cannot fit with ERR_RESULT_TOO_LARGE, naming the created id', async () => {
		const { client } = await connect(1_000);
		const result = await client.callTool({
			name: 'create_integration',
			arguments: maximalCreate(0),
		});
		expect(result.isError).toBe(true);
		const text = (result.content as { text: string }[])[0]?.text ?? '';
		expect(text).toMatch(/^ERR_RESULT_TOO_LARGE: .*int_[0-9a-f-]{36}/);
		expect(size(result)).toBeLessThanOrEqual(1_000);
	});
});

describe('the CLI and a line over the stdio limit', () => {
	it('answers a line over 10 MiB with a JSON-RPC error for its id and keeps serving', async () => {
		const cli = await spawnCli(['mcp', '--log-level', 'silent']);
		try {
			const huge = `{"jsonrpc":"2.0","id":"huge-1","method":"tools/call","params":{"name":"list_integrations","arguments":{"pad":"${'x'.repeat(10 * MiB + 16)}"}}}\n`;
			await cli.write(huge);
			const reply = await cli.reply('huge-1');
			expect(reply.error?.message).toMatch(/^ERR_LINE_TOO_LONG/);
			expect(cli.exitCode()).toBeNull();
			const listed = await cli.callTool('list_integrations', {});
			expect(listed.result?.structuredContent).toEqual({ integrations: [], total: 0 });
			await cli.write(`{"jsonrpc":"2.0","method":"x","params":{"p":"${'y'.repeat(11 * MiB)}`);
			await cli.write('"}}\n');
			const again = await cli.callTool('list_integrations', {});
			expect(again.result?.structuredContent).toEqual({ integrations: [], total: 0 });
		} finally {
			expect(await cli.close()).toEqual({ code: 0, signal: null });
		}
	}, 60_000);
});

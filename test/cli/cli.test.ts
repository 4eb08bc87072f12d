import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

// Runs against the build: `npm run build` produces dist/cli.js from src/cli/cli.ts.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SECRET = 'cli-SENTINEL-5e0f';

let server: LocalHttpServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

const structured = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;

describe('cortex-integrations mcp (stdio)', () => {
	it('serves create → test → execute → list → monitor to the official client over stdio', async () => {
		server = await startLocalServer((req, res) =>
			req.headers.authorization === `Bearer ${SECRET}`
				? sendJson(res, 200, { path: req.url })
				: sendJson(res, 401, {}),
		);
		const stderrChunks: string[] = [];
		const transport = new StdioClientTransport({
			command: process.execPath,
			args: [CLI, 'mcp', '--log-level', 'debug', '--tenant', 'cli-tests'],
			stderr: 'pipe',
		});
		transport.stderr?.on('data', (chunk) => stderrChunks.push(String(chunk)));
		const client = new Client({ name: 'stdio-test', version: '1.0.0' });
		await client.connect(transport);
		try {
			const { tools } = await client.listTools();
			expect(tools.map((t) => t.name)).toEqual([
				'create_integration',
				'test_integration',
				'execute_integration',
				'list_integrations',
				'monitor_integration',
			]);
			const created = await client.callTool({
				name: 'create_integration',
				arguments: {
					name: 'crm',
					type: 'api',
					config: { endpoint: `${server.url}/v2`, credentials: { token: SECRET } },
				},
			});
			const id = structured<{ integration: { id: string } }>(created).integration.id;
			const tested = await client.callTool({
				name: 'test_integration',
				arguments: { integrationId: id, testType: 'full' },
			});
			expect(structured(tested)).toMatchObject({ passed: true, status: 'active' });
			const executed = await client.callTool({
				name: 'execute_integration',
				arguments: { integrationId: id, operation: 'GET /deals' },
			});
			expect(structured(executed)).toMatchObject({ statusCode: 200, body: { path: '/v2/deals' } });
			const listed = await client.callTool({
				name: 'list_integrations',
				arguments: { status: 'active' },
			});
			expect(structured(listed)).toMatchObject({ total: 1 });
			const monitored = await client.callTool({
				name: 'monitor_integration',
				arguments: { integrationId: id },
			});
			expect(structured(monitored)).toMatchObject({ sampleCount: 1, successRate: 1 });
			const bad = await client.callTool({
				name: 'execute_integration',
				arguments: { integrationId: id },
			});
			expect(bad.isError).toBe(true);
			await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/nope/);
			for (const result of [created, tested, executed, listed, monitored])
				expect(JSON.stringify(result)).not.toContain(SECRET);
		} finally {
			await client.close();
		}
		const stderr = stderrChunks.join('');
		expect(stderr).toContain('"msg":"cortex-integrations MCP server listening on stdio"');
		expect(stderr).toContain('"msg":"integration created"');
		expect(stderr).not.toContain(SECRET);
	});

	it('exits by itself with code 0 when stdin ends, after pooled calls', async () => {
		server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
		const child = spawn(process.execPath, [CLI, 'mcp', '--log-level', 'silent'], {
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		const lines: Record<string, unknown>[] = [];
		let buffered = '';
		child.stdout.on('data', (chunk) => {
			buffered += String(chunk);
			const parts = buffered.split('\n');
			buffered = parts.pop() ?? '';
			for (const line of parts) if (line.trim()) lines.push(JSON.parse(line));
		});
		const send = (message: object) =>
			child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
		const reply = (id: number) =>
			expect.poll(() => lines.find((l) => l.id === id), { timeout: 10_000 }).toBeTruthy();
		send({
			id: 1,
			method: 'initialize',
			params: {
				protocolVersion: '2025-06-18',
				capabilities: {},
				clientInfo: { name: 'raw', version: '1' },
			},
		});
		await reply(1);
		send({ method: 'notifications/initialized' });
		send({
			id: 2,
			method: 'tools/call',
			params: {
				name: 'create_integration',
				arguments: { name: 'x', type: 'api', config: { endpoint: server.url } },
			},
		});
		await reply(2);
		const created = lines.find((l) => l.id === 2) as {
			result: { structuredContent: { integration: { id: string } } };
		};
		const integrationId = created.result.structuredContent.integration.id;
		send({
			id: 3,
			method: 'tools/call',
			params: { name: 'execute_integration', arguments: { integrationId, operation: 'GET' } },
		});
		await reply(3);
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal })),
		);
		child.stdin.end();
		expect(await exited).toEqual({ code: 0, signal: null });
		expect(server.requests).toHaveLength(1);
	});

	it('negotiates the 2026 protocol era with a client in auto mode', async () => {
		const transport = new StdioClientTransport({
			command: process.execPath,
			args: [CLI, 'mcp', '--log-level', 'silent'],
			stderr: 'pipe',
		});
		const client = new Client(
			{ name: 'modern', version: '1.0.0' },
			{ versionNegotiation: { mode: 'auto' } },
		);
		await client.connect(transport);
		try {
			expect(client.getProtocolEra()).toBe('modern');
			const { tools } = await client.listTools();
			expect(tools).toHaveLength(5);
			const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
			expect(structured(listed)).toEqual({ integrations: [], total: 0 });
		} finally {
			await client.close();
		}
	});

	it('prints help and rejects bad flags with exit code 2', async () => {
		const run = (args: string[]) =>
			new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
				const child = spawn(process.execPath, [CLI, ...args]);
				let stdout = '';
				let stderr = '';
				child.stdout.on('data', (c) => (stdout += c));
				child.stderr.on('data', (c) => (stderr += c));
				child.once('close', (code) => resolve({ code, stdout, stderr }));
			});
		const help = await run(['--help']);
		expect(help).toMatchObject({ code: 0, stderr: '' });
		expect(help.stdout).toContain('Usage: cortex-integrations mcp');
		expect(help.stdout).toContain('CORTEX_INTEGRATIONS_ALLOW_HOSTS');
		const bad = await run(['mcp', '--rate-limit-rps', 'fast']);
		expect(bad.code).toBe(2);
		expect(bad.stdout).toBe('');
		expect(bad.stderr).toContain('--rate-limit-rps');
	});
});

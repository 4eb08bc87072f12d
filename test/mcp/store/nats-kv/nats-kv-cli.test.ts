import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../../../src/cli/index.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../../support/local-http-server.js';
import { freshBucket, newKey } from '../../../support/nats-kv-stores.js';
import { useNatsServer } from '../../../support/nats-server.js';

// Runs against the build: two `cortex-integrations mcp --store` processes, each driven over stdio
// by the official MCP client, share one nats-server and nothing else.

const CLI = fileURLToPath(new URL('../../../../dist/cli.js', import.meta.url));
const TOKEN = 'cli-kv-SENTINEL-5e0f';

const nats = useNatsServer();
const clients: Client[] = [];
let http: LocalHttpServer | undefined;
afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.close()));
	await http?.close();
	http = undefined;
});

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

const structured = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;

async function replica(args: string[], env: Record<string, string>): Promise<Client> {
	const transport = new StdioClientTransport({
		command: process.execPath,
		args: [CLI, 'mcp', '--log-level', 'silent', ...args],
		env: { ...(process.env as Record<string, string>), ...env },
		stderr: 'pipe',
	});
	const client = new Client({ name: 'kv-replica-test', version: '1.0.0' });
	await client.connect(transport);
	clients.push(client);
	return client;
}

function run(args: string[], env: Record<string, string>) {
	return new Promise<{ code: number | null; stderr: string }>((resolve) => {
		const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.stdin.end();
		child.once('close', (code) => resolve({ code, stderr }));
	});
}

describe('cortex-integrations mcp --store nats://…', () => {
	it('two processes serve the same integrations: created on one, listed and executed on the other', async () => {
		http = await startLocalServer((req, res) =>
			req.headers.authorization === `Bearer ${TOKEN}`
				? sendJson(res, 200, { path: req.url })
				: sendJson(res, 401, {}),
		);
		const bucket = freshBucket();
		const env = { INTEGRATIONS_SECRET_KEY: newKey() };
		const store = ['--store', nats.server.url, '--store-bucket', bucket];
		const [a, b] = await Promise.all([replica(store, env), replica(store, env)]);
		const created = await a.callTool({
			name: 'create_integration',
			arguments: {
				name: 'crm',
				type: 'api',
				config: { endpoint: http.url, credentials: { token: TOKEN } },
			},
		});
		const id = structured<{ integration: { id: string } }>(created).integration.id;
		const executed = await b.callTool({
			name: 'execute_integration',
			arguments: { integrationId: id, operation: 'GET /from-b' },
		});
		expect(structured(executed)).toMatchObject({ statusCode: 200, body: { path: '/from-b' } });
		await expect
			.poll(async () => structured(await b.callTool({ name: 'list_integrations', arguments: {} })))
			.toMatchObject({ total: 1, integrations: [{ id, name: 'crm' }] });
		expect(JSON.stringify([created, executed])).not.toContain(TOKEN);
	});

	it('exits by itself with code 0 when stdin ends: the store and its connection close', async () => {
		const args = ['mcp', '--store', nats.server.url, '--store-bucket', freshBucket()];
		const startedAt = performance.now();
		const result = await run(args, { INTEGRATIONS_SECRET_KEY: newKey() });
		expect(result).toMatchObject({ code: 0 });
		expect(performance.now() - startedAt).toBeLessThan(10_000);
	});

	it('refuses to start without a key (exit 2, names INTEGRATIONS_SECRET_KEY)', async () => {
		const result = await run(['mcp', '--store', nats.server.url], {});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('INTEGRATIONS_SECRET_KEY: required with --store');
	});

	it('refuses to start with the wrong key (exit 1, ERR_UNSEAL_FAILED) or without NATS', async () => {
		const bucket = freshBucket();
		const store = ['--store', nats.server.url, '--store-bucket', bucket];
		const a = await replica(store, { INTEGRATIONS_SECRET_KEY: newKey() });
		const created = await a.callTool({
			name: 'create_integration',
			arguments: { name: 'x', type: 'api', config: { endpoint: 'http://127.0.0.1:1' } },
		});
		expect(created.isError).toBeFalsy();
		const wrong = await run(['mcp', ...store], { INTEGRATIONS_SECRET_KEY: newKey() });
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toMatch(/sealed with key id .* which no configured key has/);
		const down = await run(['mcp', '--store', 'nats://127.0.0.1:1'], {
			INTEGRATIONS_SECRET_KEY: newKey(),
		});
		expect(down.code).toBe(1);
		expect(down.stderr).toContain('The integration store is unavailable: cannot connect to NATS');
	});
});

describe('parseCliConfig: --store', () => {
	it('reads the store, its bucket and keys from flags and the environment', () => {
		const dir = mkdtempSync(join(tmpdir(), 'store-key-'));
		const keyFile = join(dir, 'key');
		writeFileSync(keyFile, newKey());
		const previous = newKey();
		const command = parseCliConfig(['mcp', '--store', 'nats://a:4222,nats://b:4222'], {
			CORTEX_INTEGRATIONS_STORE_BUCKET: 'shared',
			INTEGRATIONS_SECRET_KEY_FILE: keyFile,
			INTEGRATIONS_SECRET_KEY: 'ignored: the key file wins',
			INTEGRATIONS_PREVIOUS_SECRET_KEY: previous,
			CORTEX_INTEGRATIONS_MAX_INTEGRATIONS: '500',
		});
		expect(command).toMatchObject({
			store: {
				servers: ['nats://a:4222', 'nats://b:4222'],
				bucket: 'shared',
				secretKey: { file: keyFile },
				previousSecretKeys: [previous],
				maxIntegrations: 500,
			},
		});
		expect(parseCliConfig(['mcp'], { INTEGRATIONS_SECRET_KEY: newKey() })).toMatchObject({
			store: undefined,
		});
	});

	it('names the flag or variable of a bad store URL or key, never echoing the key', () => {
		const key = newKey();
		expect(() =>
			parseCliConfig(['mcp', '--store', 'http://x'], { INTEGRATIONS_SECRET_KEY: key }),
		).toThrow(expect.objectContaining({ option: '--store' }));
		const short = Buffer.from('SENTINEL').toString('base64');
		const error = (() => {
			try {
				parseCliConfig(['mcp', '--store', 'nats://x:1'], { INTEGRATIONS_SECRET_KEY: short });
			} catch (e) {
				return e as Error;
			}
		})();
		expect(error).toMatchObject({ option: 'INTEGRATIONS_SECRET_KEY' });
		expect(error?.message).not.toContain(short);
		expect(() =>
			parseCliConfig(['mcp', '--store', 'nats://x:1', '--secret-key-file', '/nonexistent'], {}),
		).toThrow(expect.objectContaining({ option: '--secret-key-file' }));
	});
});

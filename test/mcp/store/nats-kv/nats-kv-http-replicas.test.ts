import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	connectClient,
	rawRequest,
	SECRET,
	structured,
	TOKEN_A,
} from '../../../support/http-test-client.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../../support/local-http-server.js';
import { freshBucket, newKey } from '../../../support/nats-kv-stores.js';
import { startNatsServer } from '../../../support/nats-server.js';

// Runs against the build: two `cortex-integrations mcp --http … --store nats://…` processes, no
// memory shared, one nats-server; the official client talks Streamable HTTP to each.

const CLI = fileURLToPath(new URL('../../../../dist/cli.js', import.meta.url));

const children: ChildProcessWithoutNullStreams[] = [];
const clients: Client[] = [];
let target: LocalHttpServer | undefined;

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

afterEach(async () => {
	await Promise.allSettled(clients.splice(0).map((client) => client.close()));
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
	await target?.close();
	target = undefined;
});

/** Starts a replica on a free port of 127.0.0.1; resolves with its /mcp URL once it listens. */
function startReplica(natsUrl: string, bucket: string, key: string): Promise<string> {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('INTEGRATIONS_')),
	);
	const child = spawn(
		process.execPath,
		[CLI, 'mcp', '--http', '127.0.0.1:0', '--store', natsUrl, '--store-bucket', bucket],
		{ env: { ...env, INTEGRATIONS_MCP_TOKEN: TOKEN_A, INTEGRATIONS_SECRET_KEY: key } },
	);
	children.push(child);
	let stderr = '';
	return new Promise<string>((resolve, reject) => {
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += String(chunk);
			const found = /"url":"(http:[^"]+)"/.exec(stderr);
			if (found?.[1]) resolve(found[1]);
		});
		child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
	});
}

const health = async (mcpUrl: string) =>
	(await rawRequest(mcpUrl.replace(/\/mcp$/, '/healthz'), { method: 'GET' })).status;

describe('two --http replicas on one nats-server (--store)', () => {
	it('serve the same integrations to the official client; NATS down → 503 and ERR_STORE_UNAVAILABLE, then back', async () => {
		target = await startLocalServer((req, res) =>
			req.headers.authorization === `Bearer ${SECRET}`
				? sendJson(res, 200, { path: req.url })
				: sendJson(res, 401, {}),
		);
		const nats = await startNatsServer();
		try {
			const bucket = freshBucket();
			const key = newKey();
			const [urlA, urlB] = await Promise.all([
				startReplica(nats.url, bucket, key),
				startReplica(nats.url, bucket, key),
			]);
			const a = await connectClient(urlA, TOKEN_A);
			const b = await connectClient(urlB, TOKEN_A);
			clients.push(a, b);
			const created = await a.callTool({
				name: 'create_integration',
				arguments: {
					name: 'crm',
					type: 'api',
					config: { endpoint: `${target.url}/v2`, credentials: { token: SECRET } },
				},
			});
			const id = structured<{ integration: { id: string } }>(created).integration.id;
			const executed = await b.callTool({
				name: 'execute_integration',
				arguments: { integrationId: id, operation: 'GET /deals' },
			});
			expect(structured(executed)).toMatchObject({ statusCode: 200, body: { path: '/v2/deals' } });
			await expect
				.poll(async () =>
					structured(await b.callTool({ name: 'list_integrations', arguments: {} })),
				)
				.toMatchObject({ total: 1, integrations: [{ id }] });
			expect([await health(urlA), await health(urlB)]).toEqual([200, 200]);

			await nats.stop({ crash: true });
			await expect.poll(() => health(urlB), { timeout: 10_000 }).toBe(503);
			const refused = await b.callTool({ name: 'list_integrations', arguments: {} });
			expect(refused.isError).toBe(true);
			expect(JSON.stringify(refused.content)).toContain('ERR_STORE_UNAVAILABLE');

			await nats.start();
			await expect.poll(() => health(urlA), { timeout: 15_000 }).toBe(200);
			await expect.poll(() => health(urlB), { timeout: 15_000 }).toBe(200);
			const listed = await a.callTool({ name: 'list_integrations', arguments: {} });
			expect(structured(listed)).toMatchObject({ total: 1 });
			expect(JSON.stringify([created, executed, listed])).not.toContain(SECRET);
		} finally {
			await nats.dispose();
		}
	});
});

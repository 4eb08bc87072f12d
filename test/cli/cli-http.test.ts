import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	connectClient,
	rawRequest,
	runAllFiveTools,
	SECRET,
	structured,
	TOKEN_A,
} from '../support/http-test-client.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

// Runs against the build: `npm run build` produces dist/cli.js from src/cli/cli.ts.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let target: LocalHttpServer | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

afterEach(async () => {
	if (child && child.exitCode === null) child.kill('SIGKILL');
	await target?.close();
	child = target = undefined;
});

/** The environment of the CLI: this one's without INTEGRATIONS_* variables, plus `extra`. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('INTEGRATIONS_')),
	);
	return { ...env, ...extra };
}

/** Starts `cortex-integrations mcp --http 127.0.0.1:0 …`; resolves with the URL it logs. */
function startCli(args: string[], env: NodeJS.ProcessEnv) {
	const started = spawn(process.execPath, [CLI, 'mcp', '--http', '127.0.0.1:0', ...args], { env });
	child = started;
	const stderr: string[] = [];
	const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
	const url = new Promise<string>((resolve, reject) => {
		started.stderr.on('data', (chunk: Buffer) => {
			stderr.push(String(chunk));
			const found = /"url":"(http:[^"]+)"/.exec(stderr.join(''));
			if (found?.[1]) resolve(found[1]);
		});
		started.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr.join('')}`)));
	});
	return { url, exited, stderr: () => stderr.join('') };
}

describe('cortex-integrations mcp --http', () => {
	it('serves the five tools to the official client over HTTP, with GET /healthz', async () => {
		target = await startLocalServer((req, res) =>
			req.headers.authorization === `Bearer ${SECRET}`
				? sendJson(res, 200, { path: req.url })
				: sendJson(res, 401, {}),
		);
		const cli = startCli([], cliEnv({ INTEGRATIONS_MCP_TOKEN: TOKEN_A }));
		const url = await cli.url;
		expect((await rawRequest(url.replace(/\/mcp$/, '/healthz'), { method: 'GET' })).status).toBe(
			200,
		);
		const client = await connectClient(url, TOKEN_A);
		try {
			await runAllFiveTools(client, `${target.url}/v2`);
		} finally {
			await client.close();
		}
		expect(cli.stderr()).not.toContain(TOKEN_A);
		expect(cli.stderr()).not.toContain(SECRET);
	});

	it('on SIGTERM lets the call in flight finish, refuses new requests, and exits with code 0', async () => {
		target = await startLocalServer(async (_req, res) => {
			await new Promise((resolve) => setTimeout(resolve, 400));
			sendJson(res, 200, { slow: true });
		});
		const cli = startCli(['--log-level', 'info'], cliEnv({ INTEGRATIONS_MCP_TOKEN: TOKEN_A }));
		const client = await connectClient(await cli.url, TOKEN_A);
		const created = await client.callTool({
			name: 'create_integration',
			arguments: { name: 'slow', type: 'api', config: { endpoint: target.url } },
		});
		const integrationId = structured<{ integration: { id: string } }>(created).integration.id;
		const call = client.callTool({
			name: 'execute_integration',
			arguments: { integrationId, operation: 'GET /slow' },
		});
		await expect.poll(() => target?.requests.length).toBe(1);
		child?.kill('SIGTERM');
		expect(structured(await call)).toMatchObject({ statusCode: 200, body: { slow: true } });
		expect(await cli.exited).toBe(0);
		expect(cli.stderr()).toContain('"msg":"integrations MCP server draining"');
		expect(cli.stderr()).toContain('"msg":"stopped"');
		await client.close().catch(() => {});
	});

	it.each([['127.0.0.1:0'], ['0.0.0.0:0']])(
		'refuses to start on %s without a bearer token (exit code 2)',
		async (address) => {
			const refused = spawn(process.execPath, [CLI, 'mcp', '--http', address], { env: cliEnv() });
			child = refused as ChildProcessWithoutNullStreams;
			let stderr = '';
			refused.stderr.on('data', (chunk) => (stderr += chunk));
			const code = await new Promise((resolve) => refused.once('exit', resolve));
			expect(code).toBe(2);
			expect(stderr).toContain('INTEGRATIONS_MCP_TOKEN');
		},
	);
});

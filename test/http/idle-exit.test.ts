import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

// Runs against the build (`npm run build`): a child process uses the runtime and never closes it.
const MCP_ENTRY = fileURLToPath(new URL('../../dist/mcp.js', import.meta.url));

let server: LocalHttpServer | undefined;
afterEach(async () => {
	await server?.close();
});

const runChild = (script: string, env: Record<string, string> = {}) =>
	new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			env: { ...process.env, ...env },
		});
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.once('exit', (code, signal) => resolve({ code, signal, stdout: stdout.trim() }));
	});

describe('idle process exit', () => {
	it('lets a process exit by itself after pooled calls, without close()', async () => {
		expect(existsSync(MCP_ENTRY), 'run `npm run build` first').toBe(true);
		server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
		const script = `
			const { createIntegrationsRuntime } = await import(${JSON.stringify(MCP_ENTRY)});
			const runtime = createIntegrationsRuntime({ monitorCacheTtlMillis: 600000 });
			const { integration } = await runtime.createIntegration({ name: 'x', type: 'api', config: { endpoint: process.env.TARGET } });
			const result = await runtime.executeIntegration({ integrationId: integration.id, operation: 'GET', timeout: 250000 });
			await runtime.monitorIntegration({ integrationId: integration.id });
			console.log(result.statusCode);
		`;
		expect(await runChild(script, { TARGET: server.url })).toEqual({
			code: 0,
			signal: null,
			stdout: '200',
		});
		expect(server.connectionCount).toBe(1);
	});

	it('keeps the process alive while an awaited call waits to retry', async () => {
		const script = `
			const { createIntegrationsRuntime } = await import(${JSON.stringify(MCP_ENTRY)});
			const runtime = createIntegrationsRuntime({ defaultRetryPolicy: { maxRetries: 2, backoffMillis: 100 } });
			const { integration } = await runtime.createIntegration({ name: 'x', type: 'api', config: { endpoint: 'http://127.0.0.1:1/' } });
			await runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }).catch((e) => console.log(e.code));
		`;
		expect(await runChild(script)).toEqual({
			code: 0,
			signal: null,
			stdout: 'ERR_HTTP_REQUEST_FAILED',
		});
	});
});

import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	type IntegrationsRuntime,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

// A hostile tenant points calls with long deadlines at a host that never answers. A call waiting
// for a concurrency slot must still obey its own deadline and its AbortSignal, and the stalled
// tenant must not be able to hold every slot: other tenants' calls keep flowing.

guardProcess();

const STALL_TIMEOUT = 8_000;

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

async function servers() {
	const stalled = await startLocalServer(() => {});
	const healthy = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
	open.servers.push(stalled, healthy);
	return { stalled, healthy };
}

function runtimeWith(options: Parameters<typeof createIntegrationsRuntime>[0]) {
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
		defaultRetryPolicy: { maxRetries: 0, backoffMillis: 1 },
		...options,
	});
	open.runtimes.push(runtime);
	return runtime;
}

async function integration(runtime: IntegrationsRuntime, endpoint: string, tenantId: string) {
	const { integration } = await runtime.createIntegration(
		{ name: 'x', type: 'api', config: { endpoint } },
		{ tenantId },
	);
	return integration.id;
}

/** Tracks whether a promise has settled, without letting its rejection go unhandled. */
function watch<T>(promise: Promise<T>) {
	const state = { settled: false, promise };
	promise.then(
		() => (state.settled = true),
		() => (state.settled = true),
	);
	return state;
}

/** Waits until the server has seen `count` requests (the slots are then really taken). */
async function requestsSeen(server: LocalHttpServer, count: number) {
	await expect.poll(() => server.requests.length, { timeout: 5_000 }).toBe(count);
}

describe('a call waiting for a concurrency slot', () => {
	it('settles with ERR_TIMEOUT at its own deadline while the slot holder is still stalled', async () => {
		const { stalled } = await servers();
		const runtime = runtimeWith({ maxConcurrency: 1, maxConcurrencyPerTenant: 1 });
		const id = await integration(runtime, stalled.url, 'acme');
		const holder = watch(
			runtime.executeIntegration(
				{ integrationId: id, operation: 'GET /hold', timeout: STALL_TIMEOUT },
				{ tenantId: 'acme' },
			),
		);
		await requestsSeen(stalled, 1);
		await expect(
			runtime.executeIntegration(
				{ integrationId: id, operation: 'GET /queued', timeout: 1_000 },
				{ tenantId: 'acme' },
			),
		).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
		expect(holder.settled).toBe(false);
		expect(stalled.requests).toHaveLength(1);
	});

	it('settles with ERR_ABORTED as soon as its signal aborts, and test_integration too', async () => {
		const { stalled } = await servers();
		const runtime = runtimeWith({ maxConcurrency: 1, maxConcurrencyPerTenant: 1 });
		const id = await integration(runtime, stalled.url, 'acme');
		const holder = watch(
			runtime.executeIntegration(
				{ integrationId: id, operation: 'GET /hold', timeout: STALL_TIMEOUT },
				{ tenantId: 'acme' },
			),
		);
		await requestsSeen(stalled, 1);
		for (const call of [
			(signal: AbortSignal) =>
				runtime.executeIntegration(
					{ integrationId: id, operation: 'GET /queued', timeout: STALL_TIMEOUT },
					{ tenantId: 'acme', signal },
				),
			(signal: AbortSignal) =>
				runtime.testIntegration({ integrationId: id }, { tenantId: 'acme', signal }),
		]) {
			const controller = new AbortController();
			const queued = call(controller.signal);
			await new Promise((resolve) => setTimeout(resolve, 20));
			controller.abort();
			await expect(queued).rejects.toMatchObject({ code: 'ERR_ABORTED' });
		}
		expect(holder.settled).toBe(false);
		expect(stalled.requests).toHaveLength(1);
	});

	it('over MCP, a queued call gets an ERR_TIMEOUT result, not the client timeout', async () => {
		const { stalled } = await servers();
		const runtime = runtimeWith({ maxConcurrency: 1, maxConcurrencyPerTenant: 1 });
		const client = new Client({ name: 'slots', version: '1.0.0' });
		const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
		await Promise.all([
			createIntegrationsMcpServer(runtime, { tenantId: 'acme' }).connect(serverSide),
			client.connect(clientSide),
		]);
		open.clients.push(client);
		const id = await integration(runtime, stalled.url, 'acme');
		const holder = watch(
			client.callTool(
				{ name: 'execute_integration', arguments: { integrationId: id, operation: 'GET /hold' } },
				{ timeout: 30_000 },
			),
		);
		await requestsSeen(stalled, 1);
		const result = await client.callTool(
			{
				name: 'execute_integration',
				arguments: { integrationId: id, operation: 'GET /fast', timeout: 1_000 },
			},
			{ timeout: 6_000 },
		);
		expect(result.isError).toBe(true);
		expect((result.content as { text: string }[])[0]?.text).toMatch(/^ERR_TIMEOUT/);
		expect(holder.settled).toBe(false);
	});
});

describe('fairness across tenants', () => {
	it('a tenant stalling on a dead host cannot take every slot: another tenant’s call succeeds meanwhile', async () => {
		const { stalled, healthy } = await servers();
		const runtime = runtimeWith({});
		const hostile = await integration(runtime, stalled.url, 'hostile');
		const victim = await integration(runtime, healthy.url, 'victim');
		const stalls = Array.from({ length: 40 }, () =>
			watch(
				runtime.executeIntegration(
					{ integrationId: hostile, operation: 'GET', timeout: STALL_TIMEOUT },
					{ tenantId: 'hostile' },
				),
			),
		);
		await expect.poll(() => stalled.requests.length, { timeout: 5_000 }).toBeGreaterThan(0);
		const result = await runtime.executeIntegration(
			{ integrationId: victim, operation: 'GET', timeout: 2_000 },
			{ tenantId: 'victim' },
		);
		expect(result.statusCode).toBe(200);
		expect(stalls.every((s) => !s.settled)).toBe(true);
		expect(stalled.requests.length).toBeLessThan(16);
	});

	it('a tenant cannot fill the whole wait queue: its overflow gets ERR_OVERLOADED, another tenant still queues', async () => {
		const { stalled } = await servers();
		const runtime = runtimeWith({ maxConcurrency: 2, maxPendingCalls: 4 });
		const hostile = await integration(runtime, stalled.url, 'hostile');
		const victim = await integration(runtime, stalled.url, 'victim');
		const call = (integrationId: string, tenantId: string) =>
			watch(
				runtime.executeIntegration(
					{ integrationId, operation: 'GET', timeout: STALL_TIMEOUT },
					{ tenantId },
				),
			);
		const hostileCalls = Array.from({ length: 6 }, () => call(hostile, 'hostile'));
		await expect(hostileCalls.at(-1)?.promise).rejects.toMatchObject({ code: 'ERR_OVERLOADED' });
		const victimCalls = [call(victim, 'victim'), call(victim, 'victim')];
		await requestsSeen(stalled, 2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(victimCalls.every((c) => !c.settled)).toBe(true);
	});
});

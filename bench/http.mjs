#!/usr/bin/env node
// Question 8: pooled undici vs global fetch against the same local node:http server (its own
// process), 16 requests in flight (the runtime's default `maxConcurrency`), each answer read as
// JSON; then the runtime's list_integrations page latency over 100k stored integrations and a
// cached monitor_integration. Fresh client process per sample.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { caseSpec, createRows, printResult, runCase, SMOKE, step, TIME_MS } from './lib/child.mjs';
import { percentiles } from './lib/measure.mjs';

const FILE = 'bench/http.mjs';
const RUNS = SMOKE ? 1 : 3;
const IN_FLIGHT = 16;
const INTEGRATIONS = SMOKE ? 10_000 : 100_000;

const HTTP_CASES = [
	['baseline: global fetch', 'fetch'],
	['undici Pool (raw, 16 connections)', 'pool'],
	['execute_integration through the runtime (pooled undici)', 'runtime'],
];

async function parent() {
	const server = await startServer();
	try {
		const rows = createRows();
		for (let run = 1; run <= RUNS; run++) {
			for (const [name, client] of HTTP_CASES) {
				step(`run ${run}/${RUNS}: ${name}`);
				const r = runCase(FILE, { client, port: server.port });
				rows.add(`${name}: requests/s`, 'req/s', r.requestsPerSecond, {
					higherIsBetter: true,
					baseline: `${HTTP_CASES[0][0]}: requests/s`,
				});
			}
			step(`run ${run}/${RUNS}: list_integrations and monitor_integration`);
			const tools = runCase(FILE, { client: 'tools', port: server.port });
			for (const [name, stats] of Object.entries(tools)) {
				for (const key of ['p50', 'p95', 'p99']) rows.add(`${name}: ${key}`, 'ms', stats[key]);
			}
		}
		return { rows: rows.list(), notes: NOTES };
	} finally {
		server.stop();
	}
}

/** Starts bench/lib/http-server.mjs; resolves with its port. */
function startServer() {
	const child = spawn(process.execPath, ['bench/lib/http-server.mjs'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		createInterface({ input: child.stdout }).once('line', (line) => {
			resolve({ port: Number(line.split('=')[1]), stop: () => child.kill() });
		});
	});
}

async function measure({ client, port }) {
	if (client === 'tools') return measureTools(port);
	const origin = `http://127.0.0.1:${port}`;
	const { request, cleanup } = await makeClient(client, origin);
	try {
		await loadFor(request, Math.min(300, TIME_MS)); // warm-up: connections open, JIT warm
		const { count, ms } = await loadFor(request, TIME_MS);
		return { requestsPerSecond: (count * 1000) / ms };
	} finally {
		await cleanup();
	}
}

async function makeClient(client, origin) {
	if (client === 'fetch') {
		return {
			request: async () => (await fetch(`${origin}/items/1`)).json(),
			cleanup: async () => {},
		};
	}
	if (client === 'pool') {
		const { Pool } = await import('undici');
		const pool = new Pool(origin, { connections: IN_FLIGHT });
		return {
			request: async () => (await pool.request({ path: '/items/1', method: 'GET' })).body.json(),
			cleanup: () => pool.close(),
		};
	}
	const runtime = await createRuntime();
	const { integration } = await createApiIntegration(runtime, origin, 0);
	const input = { integrationId: integration.id, operation: 'GET /items/1' };
	return { request: () => runtime.executeIntegration(input), cleanup: () => runtime.close() };
}

async function createRuntime(options = {}) {
	const { createIntegrationsRuntime } = await import('../dist/mcp.js');
	// The per-integration rate limit (default 10 req/s) would measure the limiter, not the client.
	return createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 1e9, burst: 1e6 },
		...options,
	});
}

// 100k integrations of one tenant hold ~70 MB, over the default byte quota of a tenant (64 MiB).
const MANY_INTEGRATIONS = { maxTenantBytes: 512 * 2 ** 20, maxStoredBytes: 512 * 2 ** 20 };

const KINDS = ['api', 'webhook', 'database', 'message-queue'];
function createApiIntegration(runtime, origin, i) {
	return runtime.createIntegration({
		name: `Integration ${i}`,
		type: KINDS[i % KINDS.length],
		config: { endpoint: origin },
	});
}

/** Keeps IN_FLIGHT requests going for `millis`; returns how many completed. */
async function loadFor(request, millis) {
	const t0 = performance.now();
	const deadline = t0 + millis;
	let count = 0;
	const worker = async () => {
		while (performance.now() < deadline) {
			await request();
			count++;
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return { count, ms: performance.now() - t0 };
}

async function measureTools(port) {
	const origin = `http://127.0.0.1:${port}`;
	const runtime = await createRuntime(MANY_INTEGRATIONS);
	let first;
	for (let i = 0; i < INTEGRATIONS; i++) {
		const created = await createApiIntegration(runtime, origin, i);
		first ??= created.integration.id;
	}
	const pages = await timeCalls(SMOKE ? 100 : 2_000, pageWalker(runtime, {}));
	const filtered = await timeCalls(SMOKE ? 100 : 2_000, pageWalker(runtime, { type: 'database' }));
	for (let i = 0; i < 200; i++) {
		await runtime.executeIntegration({ integrationId: first, operation: 'GET /items/1' });
	}
	const monitorInput = { integrationId: first };
	await runtime.monitorIntegration(monitorInput); // fills the cache
	const monitor = await timeCalls(SMOKE ? 1_000 : 20_000, () =>
		runtime.monitorIntegration(monitorInput),
	);
	await runtime.close();
	return {
		[`list_integrations, page of 100 over ${INTEGRATIONS / 1000}k integrations`]: pages,
		[`list_integrations, type filter (1 in 4), page of 100 over ${INTEGRATIONS / 1000}k`]: filtered,
		'monitor_integration, cached (200 recorded calls)': monitor,
	};
}

/** Walks the pages with the given filters, starting over at the end. */
function pageWalker(runtime, filters) {
	let cursor;
	return async () => {
		const page = await runtime.listIntegrations({ ...filters, limit: 100, cursor });
		cursor = page.nextCursor;
	};
}

async function timeCalls(count, call) {
	for (let i = 0; i < Math.min(200, count); i++) await call(); // warm-up
	const samples = new Float64Array(count);
	for (let i = 0; i < count; i++) {
		const t0 = performance.now();
		await call();
		samples[i] = performance.now() - t0;
	}
	return percentiles(samples);
}

const NOTES = [
	`${IN_FLIGHT} requests in flight from one client process to a node:http server in another process (2 cores: one each); every answer (≈ 110 bytes of JSON) is read and parsed. The runtime row is the whole tool call: input validation, endpoint policy, rate limiter (set out of the way), p-limit, pooled undici Agent, monitor window, result.`,
	'list_integrations walks the pages (limit 100) with the returned `nextCursor`, starting over at the end; monitor_integration is served from its TTL cache after the first call.',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

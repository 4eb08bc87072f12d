#!/usr/bin/env node
// Question 8c: what Streamable HTTP adds to an execute_integration call. The same call, one at a
// time, from the official v2 client: in process (client and server linked by the in-memory
// transport, the baseline), over HTTP to a server in the same process (the transport alone), and
// over HTTP to `cortex-integrations mcp --http` in its own process (as deployed). Every case calls
// the same local HTTP target (bench/lib/http-server.mjs, its own process). Fresh process per sample.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
	benchEnv,
	caseSpec,
	createRows,
	printResult,
	runCase,
	SMOKE,
	step,
	TIME_MS,
} from './lib/child.mjs';
import { percentiles } from './lib/measure.mjs';

const FILE = 'bench/mcp-http.mjs';
const RUNS = SMOKE ? 1 : 3;
const TOKEN = 'bench-token-5d8f0c2a9b7e4d13';
// The per-integration rate limit (default 10 req/s) would measure the limiter, not the transport.
const RATE = { requestsPerSecond: 1e9, burst: 1e6 };

const CASES = [
	['baseline: execute_integration in process (official client, in-memory transport)', 'memory'],
	['execute_integration over HTTP, 2025-11-25 JSON, server in the same process', 'http'],
	['execute_integration over HTTP, 2026-07-28, server in the same process', 'http-modern'],
	['execute_integration over HTTP, 2025-11-25 JSON, to the CLI in its own process', 'cli'],
	['execute_integration through the runtime (no MCP)', 'runtime'],
];

async function parent() {
	const target = await startChild(['bench/lib/http-server.mjs'], (line) =>
		line.startsWith('PORT=') ? `http://127.0.0.1:${line.slice(5)}` : undefined,
	);
	try {
		const rows = createRows();
		for (let run = 1; run <= RUNS; run++) {
			for (const [name, client] of CASES) {
				step(`run ${run}/${RUNS}: ${name}`);
				// --no-warnings: the v2 client's transport reuses one AbortSignal for every fetch, and
				// undici warns past 1500 listeners until GC collects the finished requests.
				const r = runCase(FILE, { client, origin: target.value }, { nodeArgs: ['--no-warnings'] });
				for (const key of ['p50', 'p95']) {
					rows.add(`${name}: ${key}`, 'ms', r[key], { baseline: `${CASES[0][0]}: ${key}` });
				}
			}
		}
		return { rows: rows.list(), notes: NOTES };
	} finally {
		target.stop();
	}
}

/** Spawns `node args…`; resolves once a stdout or stderr line gives a value through `pick`. */
function startChild(args, pick, env = benchEnv()) {
	const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
		for (const stream of [child.stdout, child.stderr]) {
			createInterface({ input: stream }).on('line', (line) => {
				const value = pick(line);
				if (value !== undefined) resolve({ value, child, stop: () => child.kill() });
			});
		}
	});
}

async function measure({ client, origin }) {
	const { call, cleanup } = await makeCall(client, origin);
	try {
		const t0 = performance.now();
		// Warm-up as long as the measurement: the in-memory baseline needs ~1 s of calls to reach its
		// optimized code, and a short warm-up would flatter the HTTP cases by slowing the baseline.
		while (performance.now() - t0 < TIME_MS) await call();
		const samples = [];
		const started = performance.now();
		while (performance.now() - started < TIME_MS) {
			const t = performance.now();
			await call();
			samples.push(performance.now() - t);
		}
		return percentiles(samples);
	} finally {
		await cleanup();
	}
}

async function makeCall(client, origin) {
	const mcp = await import('../dist/mcp.js');
	if (client === 'cli') return cliCall(origin);
	const runtime = mcp.createIntegrationsRuntime({ rateLimit: RATE });
	const { integration } = await runtime.createIntegration({
		name: 'bench',
		type: 'api',
		config: { endpoint: origin },
	});
	const args = { integrationId: integration.id, operation: 'GET /items/1' };
	if (client === 'runtime') {
		return { call: () => runtime.executeIntegration(args), cleanup: () => runtime.close() };
	}
	const { mcpClient, close } = await connect(client, mcp, runtime);
	return {
		call: () => mcpClient.callTool({ name: 'execute_integration', arguments: args }),
		cleanup: async () => {
			await mcpClient.close();
			await close();
			await runtime.close();
		},
	};
}

/** The official v2 client, linked in memory or over HTTP to a server in this process. */
async function connect(client, mcp, runtime) {
	const { Client, InMemoryTransport } = await import('@modelcontextprotocol/client');
	if (client === 'memory') {
		const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
		const server = mcp.createIntegrationsMcpServer(runtime);
		await server.connect(serverSide);
		const mcpClient = new Client({ name: 'bench', version: '1.0.0' });
		await mcpClient.connect(clientSide);
		await mcpClient.listTools(); // output schemas cached, as over HTTP
		return { mcpClient, close: () => server.close() };
	}
	const http = await mcp.serveIntegrationsHttp(runtime, { token: TOKEN });
	const mcpClient = await httpClient(http.url, client === 'http-modern' ? 'auto' : 'legacy');
	return { mcpClient, close: () => http.close() };
}

async function httpClient(url, mode) {
	const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
	const mcpClient = new Client(
		{ name: 'bench', version: '1.0.0' },
		{ versionNegotiation: { mode } },
	);
	const headers = { authorization: `Bearer ${TOKEN}` };
	await mcpClient.connect(
		new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
	);
	await mcpClient.listTools();
	return mcpClient;
}

/** `cortex-integrations mcp --http 127.0.0.1:0` in its own process; the client stays here. */
async function cliCall(origin) {
	const args = ['dist/cli.js', 'mcp', '--http', '127.0.0.1:0', '--log-level', 'info'];
	const limits = [
		'--rate-limit-rps',
		String(RATE.requestsPerSecond),
		'--rate-limit-burst',
		String(RATE.burst),
	];
	const server = await startChild(
		[...args, ...limits],
		(line) => /"url":"([^"]+)"/.exec(line)?.[1],
		{
			...benchEnv(),
			INTEGRATIONS_MCP_TOKEN: TOKEN,
		},
	);
	const mcpClient = await httpClient(server.value, 'legacy');
	const created = await mcpClient.callTool({
		name: 'create_integration',
		arguments: { name: 'bench', type: 'api', config: { endpoint: origin } },
	});
	const integrationId = created.structuredContent.integration.id;
	const input = { integrationId, operation: 'GET /items/1' };
	return {
		call: () => mcpClient.callTool({ name: 'execute_integration', arguments: input }),
		cleanup: async () => {
			await mcpClient.close();
			server.child.kill('SIGTERM');
		},
	};
}

const NOTES = [
	'One call at a time from the official v2 client (`@modelcontextprotocol/client`), whose output-schema validation runs in every MCP case; the target answers ≈ 110 bytes of JSON from its own process. "Same process" puts the HTTP server beside the client: the difference to the baseline is the transport alone (client fetch, loopback HTTP, a fresh stateless server per request). "Own process" is the deployed shape: the CLI serves, the client calls from another process, and on this 2-core machine three busy processes share two cores.',
	"Over HTTP each request is authenticated (bearer token, SHA-256 + timingSafeEqual), checked against DNS rebinding, read and parsed once (the SDK takes the parsed body), served by a fresh `McpServer` on the SDK's stateless transport, and answered with one JSON body and its Content-Length.",
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

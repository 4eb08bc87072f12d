import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createInProcessBus,
	createIntegrationsPublisher,
	type IntegrationsEnvelope,
} from '../../src/index.js';
import {
	createIntegrationsMcpServer,
	createIntegrationsRuntime,
	type IntegrationsRuntime,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, startLocalServer } from '../support/local-http-server.js';
import { createMetricCollector } from '../support/metric-collector.js';
import { recordingLogger } from '../support/recording-logger.js';

// A sentinel credential goes in through every way a credential can be given, and a hostile server
// reflects it back in every common encoding. The sentinel is then searched for in every envelope
// on the bus, every tool result (runtime and MCP), error, log line, metric data point, progress
// notification and audit record: it is never found.

guardProcess();

/** Characters that JSON encoders escape differently: `/` (PHP), `&` `<` `>` (Go), `+` (base64). */
const TOKEN = 'tok-SENTINEL/9f+2d&x<y>';
const PASSWORD = 'pw-SENTINEL-c0ffee';
const API_KEY = 'key-SENTINEL-77aa';
const HEADER_SECRET = 'hdr-SENTINEL-41d2';
const FORMS = ['SENTINEL', Buffer.from(`svc:${PASSWORD}`).toString('base64')];

/** How a PHP, Go or Python JSON encoder writes a string (without the quotes). */
const ESCAPERS: Record<string, (text: string) => string> = {
	php: (text) => JSON.stringify(text).slice(1, -1).replaceAll('/', '\\/'),
	go: (text) =>
		JSON.stringify(text)
			.slice(1, -1)
			.replace(/[&<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
	ascii: (text) =>
		[...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
};

/** A JSON body reflecting every request header raw and in every escaping style. */
function reflect(res: ServerResponse, status: number, headers: Record<string, unknown>) {
	const fields = Object.entries(headers).flatMap(([name, value]) =>
		Object.entries(ESCAPERS).map(
			([style, encode]) => `"${style}:${name}":"${encode(String(value))}"`,
		),
	);
	const body = `{"headers":${JSON.stringify(headers)},${fields.join(',')}}`;
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(body);
}

function assertClean(label: string, value: unknown): void {
	const text =
		typeof value === 'string'
			? value
			: `${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n${inspect(value, { depth: 12, showHidden: true })}`;
	for (const form of FORMS) expect(text, `${label} leaks ${form}`).not.toContain(form);
}

const open: { server?: LocalHttpServer; runtime?: IntegrationsRuntime; client?: Client } = {};
afterEach(async () => {
	await open.client?.close();
	await open.runtime?.close();
	await open.server?.close();
});

async function startHostileServer() {
	return startLocalServer((req, res) => {
		const path = req.url.split('?')[0];
		if (path?.endsWith('/slow')) return;
		if (path?.endsWith('/text')) {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end(`you sent ${req.headers.authorization} and ${req.headers['x-api-key']}`);
			return;
		}
		if (path?.endsWith('/redirect')) {
			res.writeHead(302, { location: `/landing?token=${req.headers.authorization}` }).end();
			return;
		}
		if (path?.endsWith('/big')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ pad: 'p'.repeat(200_000), auth: req.headers.authorization }));
			return;
		}
		const status = path?.endsWith('/fail') ? 500 : path?.endsWith('/denied') ? 401 : 200;
		reflect(res, status, req.headers);
	});
}

describe('a sentinel credential is never disclosed', () => {
	it('in envelopes, tool results, errors, logs, metrics, progress or audit records, even when the server reflects it', async () => {
		open.server = await startHostileServer();
		const { logger, lines: logs } = recordingLogger();
		const metrics = createMetricCollector();
		const bus = createInProcessBus();
		const envelopes: IntegrationsEnvelope[] = [];
		bus.subscribe('*', (envelope) => void envelopes.push(envelope));
		const hooks: unknown[] = [];
		const publisher = createIntegrationsPublisher({
			bus,
			logger,
			meterProvider: metrics.meterProvider,
			batching: { enabled: true },
			onAudit: (record) => hooks.push({ ...record, sha: record.payloadSha256 }),
			onInvalid: (report) => hooks.push(report),
			onDeadLetter: (report) => hooks.push(report),
		});
		const runtime = createIntegrationsRuntime({
			events: publisher,
			logger,
			meterProvider: metrics.meterProvider,
			defaultRetryPolicy: { maxRetries: 1, backoffMillis: 1 },
			maxResponseBytes: 150_000,
		});
		open.runtime = runtime;
		const mcp = createIntegrationsMcpServer(runtime, { maxResultChars: 50_000 });
		const client = new Client({ name: 'scanner', version: '1.0.0' });
		open.client = client;
		const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
		await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);

		const outputs: unknown[] = [];
		const progress: unknown[] = [];
		const call = async (name: string, args: Record<string, unknown>) => {
			try {
				const result = await client.callTool(
					{ name, arguments: args },
					{ onprogress: (p) => progress.push(p), timeout: 10_000 },
				);
				outputs.push(result);
				return result;
			} catch (error) {
				outputs.push(error, (error as Error).message, (error as Error).stack);
				return undefined;
			}
		};
		const direct = async (promise: Promise<unknown>) => {
			try {
				outputs.push(await promise);
			} catch (error) {
				outputs.push(error, (error as Error).message, (error as Error).stack, inspect(error));
			}
		};

		const created = await call('create_integration', {
			name: 'svc',
			type: 'api',
			config: {
				endpoint: `${open.server.url}/v1`,
				credentials: { username: 'svc', password: PASSWORD, apiKey: API_KEY, token: TOKEN },
				headers: { 'X-Session-Token': HEADER_SECRET, 'X-Trace': 'visible' },
			},
		});
		const id = (created!.structuredContent as { integration: { id: string } }).integration.id;
		for (const testType of ['connectivity', 'authentication', 'full'])
			await call('test_integration', { integrationId: id, testType });
		for (const operation of [
			'GET /echo',
			'POST /echo',
			'GET /text',
			'GET /fail',
			'GET /denied',
			'GET /redirect',
			'GET /big',
			'sync_things',
		])
			await call('execute_integration', { integrationId: id, operation, payload: { q: 1 } });
		await call('execute_integration', { integrationId: id, operation: 'GET /slow', timeout: 100 });
		await call('list_integrations', {});
		await call('monitor_integration', { integrationId: id, refresh: true });
		// Bad inputs that carry the secret must not echo it in the error.
		await call('create_integration', {
			name: 'bad',
			type: 'api',
			config: { endpoint: `http://svc:${PASSWORD}@127.0.0.1:9/`, credentials: { token: TOKEN } },
		});
		await call('create_integration', {
			name: 'bad',
			type: 'api',
			config: { credentials: { token: `${TOKEN}\r\nX-Injected: 1`, other: 42 } },
		});
		await call('create_integration', {
			name: 'bad',
			type: 'api',
			config: {
				headers: { Authorization: `Bearer ${TOKEN}\n` },
				credentials: { password: PASSWORD },
			},
		});
		await direct(runtime.executeIntegration({ integrationId: id, operation: 'GET /echo' }));
		await direct(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /slow', timeout: 50 }),
		);
		await direct(runtime.testIntegration({ integrationId: id, testType: 'full' }));
		await publisher.flush();

		// The server really received the secrets: the scan is meaningful.
		const seen = open.server.requests.map((r) => JSON.stringify(r.headers)).join('\n');
		expect(seen).toContain(TOKEN);
		expect(seen).toContain(HEADER_SECRET);
		expect(envelopes.length).toBeGreaterThan(5);
		expect(outputs.length).toBeGreaterThan(15);

		assertClean('MCP results and errors', outputs);
		assertClean('progress notifications', progress);
		assertClean('envelopes', envelopes);
		assertClean('envelope JSON', envelopes.map((e) => JSON.stringify(e)).join('\n'));
		assertClean('publisher hooks', hooks);
		assertClean('log lines', logs);
		assertClean('metric data points', await metrics.points());
		assertClean('runtime', inspect(runtime, { depth: 12, showHidden: true }));
		for (const envelope of envelopes) {
			expect((envelope.data as { endpoint: string }).endpoint).not.toContain('?');
		}
		await publisher.close();
	}, 60_000);
});

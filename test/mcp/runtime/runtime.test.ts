import { afterEach, describe, expect, it } from 'vitest';
import { type ApiCallEvent, ApiCallEventSchema } from '../../../src/index.js';
import {
	createIntegrationsRuntime,
	createMemoryIntegrationStore,
	type IntegrationsRuntime,
} from '../../../src/mcp/index.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../support/local-http-server.js';

const open: { server?: LocalHttpServer; runtimes: IntegrationsRuntime[] } = { runtimes: [] };
afterEach(async () => {
	await Promise.all(open.runtimes.map((r) => r.close()));
	open.runtimes = [];
	await open.server?.close();
});

const track = (runtime: IntegrationsRuntime) => {
	open.runtimes.push(runtime);
	return runtime;
};

const authServer = () =>
	startLocalServer((req, res) => {
		if (req.headers.authorization !== 'Bearer good-token')
			return sendJson(res, 401, { error: 'unauthorized' });
		if (req.url.startsWith('/api/boom')) return sendJson(res, 500, { error: 'boom' });
		return sendJson(res, 200, { path: req.url, method: req.method, body: req.body || null });
	});

describe('createIntegrationsRuntime', () => {
	it('drives create → test → execute → list → monitor end to end', async () => {
		open.server = await authServer();
		const events: ApiCallEvent[] = [];
		const runtime = track(
			createIntegrationsRuntime({
				events: { apiCalled: (e) => events.push(e) },
				defaultRetryPolicy: { maxRetries: 1, backoffMillis: 1 },
			}),
		);
		const { integration } = await runtime.createIntegration({
			name: 'CRM',
			type: 'api',
			config: {
				endpoint: `${open.server.url}/api?region=eu`,
				credentials: { token: 'good-token' },
			},
		});
		expect(integration).toMatchObject({
			status: 'inactive',
			secretNames: ['token'],
			endpoint: `${open.server.url}/api`,
		});

		const test = await runtime.testIntegration({ integrationId: integration.id, testType: 'full' });
		expect(test).toMatchObject({ passed: true, status: 'active' });
		expect(test.checks.map((c) => c.name)).toEqual([
			'connectivity',
			'authentication',
			'availability',
		]);

		const executed = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'POST /contacts',
			payload: { name: 'Ada' },
		});
		expect(executed).toMatchObject({
			ok: true,
			statusCode: 200,
			method: 'POST',
			endpoint: `${open.server.url}/api/contacts`,
		});
		expect(executed.body).toEqual({
			path: '/api/contacts?region=eu',
			method: 'POST',
			body: '{"name":"Ada"}',
		});
		await runtime.executeIntegration({ integrationId: integration.id, operation: 'GET /boom' });

		const listed = await runtime.listIntegrations({ status: 'active' });
		expect(listed.integrations.map((i) => i.id)).toEqual([integration.id]);

		const report = await runtime.monitorIntegration({ integrationId: integration.id });
		expect(report).toMatchObject({
			sampleCount: 2,
			successRate: 0.5,
			errorCount: 1,
			cached: false,
		});
		expect(report.latency?.p99Millis).toBeGreaterThan(0);

		expect(events).toHaveLength(2);
		for (const event of events) expect(ApiCallEventSchema.parse(event)).toEqual(event);
		expect(events[0]).toMatchObject({
			method: 'POST',
			statusCode: 200,
			requestSize: 14,
			endpoint: `${open.server.url}/api/contacts`,
		});
	});

	it('marks an integration as error when its credentials are rejected', async () => {
		open.server = await authServer();
		const runtime = track(createIntegrationsRuntime());
		const { integration } = await runtime.createIntegration({
			name: 'bad',
			type: 'webhook',
			config: { endpoint: open.server.url, credentials: { token: 'wrong-token' } },
		});
		const auth = await runtime.testIntegration({
			integrationId: integration.id,
			testType: 'authentication',
		});
		expect(auth).toMatchObject({ passed: false, status: 'error' });
		expect(auth.checks[0]).toMatchObject({
			name: 'authentication',
			statusCode: 401,
			passed: false,
		});
		const connectivity = await runtime.testIntegration({ integrationId: integration.id });
		expect(connectivity).toMatchObject({
			testType: 'connectivity',
			passed: true,
			status: 'active',
		});
	});

	it('reports an unreachable endpoint as a failed check, not an error', async () => {
		const server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
		await server.close();
		const runtime = track(createIntegrationsRuntime());
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: server.url },
		});
		const result = await runtime.testIntegration({
			integrationId: integration.id,
			testType: 'full',
		});
		expect(result.passed).toBe(false);
		expect(result.checks[0]?.message).toContain('ECONNREFUSED');
	});

	it('keeps emitting results when the event sink throws or rejects', async () => {
		open.server = await authServer();
		const warnings: string[] = [];
		const logger = {
			error() {},
			info() {},
			debug() {},
			warn: (_o: unknown, msg: string) => warnings.push(msg),
		};
		const runtime = track(
			createIntegrationsRuntime({
				logger,
				events: { apiCalled: () => Promise.reject(new Error('bus down')) },
			}),
		);
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url, credentials: { token: 'good-token' } },
		});
		await expect(
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).resolves.toMatchObject({ ok: true });
		await new Promise((resolve) => setImmediate(resolve));
		expect(warnings).toEqual(['api.called event was not accepted']);
	});

	it('validates inputs and business rules with stable codes and paths', async () => {
		const runtime = track(createIntegrationsRuntime());
		await expect(
			runtime.createIntegration({ name: 'x', type: 'ftp', config: {} }),
		).rejects.toMatchObject({
			code: 'ERR_INVALID_INPUT',
			issues: [expect.objectContaining({ path: 'type' })],
		});
		await expect(
			runtime.createIntegration({
				name: 'x',
				type: 'api',
				config: { endpoint: 'https://u:p@example.com/' },
			}),
		).rejects.toMatchObject({
			code: 'ERR_INVALID_INPUT',
			message: expect.stringContaining('user:password'),
		});
		await expect(
			runtime.createIntegration({ name: 'x'.repeat(300), type: 'api', config: {} }),
		).rejects.toMatchObject({
			code: 'ERR_INVALID_INPUT',
		});
		await expect(
			runtime.executeIntegration({ integrationId: 'int_nope', operation: 'GET' }),
		).rejects.toMatchObject({
			code: 'ERR_INTEGRATION_NOT_FOUND',
		});
		const { integration } = await runtime.createIntegration({
			name: 'db',
			type: 'database',
			config: {},
		});
		await expect(
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).rejects.toMatchObject({
			code: 'ERR_NO_ENDPOINT',
		});
		await expect(runtime.listIntegrations({ limit: 101 })).rejects.toMatchObject({
			code: 'ERR_INVALID_INPUT',
		});
		await expect(runtime.listIntegrations({ cursor: 'nope' })).rejects.toMatchObject({
			code: 'ERR_INVALID_CURSOR',
		});
		await expect(runtime.callTool('drop_all' as never, {})).rejects.toMatchObject({
			code: 'ERR_UNKNOWN_TOOL',
		});
	});

	it('fails with ERR_CREDENTIALS_UNAVAILABLE when a shared store outlives the credentials', async () => {
		open.server = await authServer();
		const store = createMemoryIntegrationStore();
		const first = track(createIntegrationsRuntime({ store }));
		const { integration } = await first.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url, credentials: { token: 'good-token' } },
		});
		const second = track(createIntegrationsRuntime({ store }));
		await expect(
			second.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).rejects.toMatchObject({
			code: 'ERR_CREDENTIALS_UNAVAILABLE',
		});
	});

	it('serves cached monitor reports with cachedAt until refresh is asked', async () => {
		open.server = await authServer();
		const runtime = track(createIntegrationsRuntime({ monitorCacheTtlMillis: 60_000 }));
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url, credentials: { token: 'good-token' } },
		});
		const first = await runtime.monitorIntegration({ integrationId: integration.id });
		await runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' });
		const cached = await runtime.monitorIntegration({ integrationId: integration.id });
		expect(cached).toMatchObject({ cached: true, sampleCount: 0, cachedAt: first.cachedAt });
		const fresh = await runtime.monitorIntegration({
			integrationId: integration.id,
			refresh: true,
		});
		expect(fresh).toMatchObject({ cached: false, sampleCount: 1 });
		await expect(
			runtime.monitorIntegration({
				integrationId: integration.id,
				timeRange: { start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
			}),
		).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
	});

	it('aborts in-flight calls and rejects new ones after close', async () => {
		open.server = await startLocalServer(() => {});
		const runtime = createIntegrationsRuntime();
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url },
		});
		const pending = expect(
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).rejects.toMatchObject({ code: 'ERR_RUNTIME_CLOSED' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		await runtime.close();
		await pending;
		await expect(runtime.listIntegrations({})).rejects.toMatchObject({
			code: 'ERR_RUNTIME_CLOSED',
		});
		expect(runtime.closed).toBe(true);
		await runtime.close();
	});

	it('fails fast with ERR_OVERLOADED when too many calls wait for a slot', async () => {
		open.server = await startLocalServer((_req, res) => {
			setTimeout(() => sendJson(res, 200, {}), 200);
		});
		const runtime = track(createIntegrationsRuntime({ maxConcurrency: 1, maxPendingCalls: 1 }));
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url },
		});
		const call = () =>
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' });
		const [a, b, c] = await Promise.allSettled([call(), call(), call()]);
		expect(a.status).toBe('fulfilled');
		expect(b.status).toBe('fulfilled');
		expect(c).toMatchObject({ status: 'rejected', reason: { code: 'ERR_OVERLOADED' } });
	});

	it('rejects invalid options eagerly, naming the option', () => {
		expect(() => createIntegrationsRuntime({ maxConcurrency: 0 })).toThrow(/maxConcurrency/);
		expect(() => createIntegrationsRuntime({ rateLimit: { requestsPerSecond: -1 } })).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option: 'rateLimit.requestsPerSecond',
			}),
		);
	});
});

describe('concurrency', () => {
	it('runs many calls at once without a MaxListenersExceededWarning on the close signal', async () => {
		open.server = await authServer();
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		try {
			const runtime = track(
				createIntegrationsRuntime({ rateLimit: { requestsPerSecond: 1000, burst: 1000 } }),
			);
			const { integration } = await runtime.createIntegration({
				name: 'many',
				type: 'api',
				config: { endpoint: `${open.server.url}/api`, credentials: { token: 'good-token' } },
			});
			const calls = Array.from({ length: 40 }, (_, i) =>
				runtime.executeIntegration({ integrationId: integration.id, operation: `GET /n/${i}` }),
			);
			const results = await Promise.all(calls);
			expect(results.every((r) => r.statusCode === 200)).toBe(true);
			await new Promise((resolve) => setImmediate(resolve));
			expect(warnings).not.toContain('MaxListenersExceededWarning');
		} finally {
			process.off('warning', onWarning);
		}
	});
});

import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsRuntime,
	type IntegrationsRuntime,
	type IntegrationsRuntimeOptions,
	type LookupFunction,
} from '../../src/mcp/index.js';
import {
	type LocalHandler,
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../support/local-http-server.js';

const open: { server?: LocalHttpServer; runtime?: IntegrationsRuntime } = {};

afterEach(async () => {
	await open.runtime?.close();
	await open.server?.close();
});

async function setup(
	handler: LocalHandler,
	options: IntegrationsRuntimeOptions = {},
	retryPolicy = { maxRetries: 2, backoffMs: 1 },
) {
	const server = await startLocalServer(handler);
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 1000, burst: 1000 },
		random: () => 0,
		...options,
	});
	open.server = server;
	open.runtime = runtime;
	const { integration } = await runtime.createIntegration({
		name: 'svc',
		type: 'api',
		config: { endpoint: server.url, retryPolicy },
	});
	return { server, runtime, id: integration.id };
}

describe('retries', () => {
	const failTwice: LocalHandler = (req, res) => {
		const seen = open.server?.requests.length ?? 0;
		if (seen <= 2) sendJson(res, 503, { error: 'busy' });
		else sendJson(res, 200, { ok: true, method: req.method });
	};

	it('retries an idempotent method on 503 until it succeeds', async () => {
		const { runtime, id, server } = await setup(failTwice);
		const result = await runtime.executeIntegration({ integrationId: id, operation: 'GET /thing' });
		expect(result).toMatchObject({ statusCode: 200, ok: true, attempts: 3 });
		expect(server.requests).toHaveLength(3);
	});

	it('never retries a non-idempotent method', async () => {
		const { runtime, id, server } = await setup(failTwice);
		const result = await runtime.executeIntegration({
			integrationId: id,
			operation: 'POST /thing',
			payload: { a: 1 },
		});
		expect(result).toMatchObject({ statusCode: 503, ok: false, attempts: 1 });
		expect(server.requests).toHaveLength(1);
	});

	it('does not retry client errors', async () => {
		const { runtime, id, server } = await setup((_req, res) =>
			sendJson(res, 404, { error: 'nope' }),
		);
		const result = await runtime.executeIntegration({
			integrationId: id,
			operation: 'GET /missing',
		});
		expect(result).toMatchObject({ statusCode: 404, attempts: 1, body: { error: 'nope' } });
		expect(server.requests).toHaveLength(1);
	});

	it('returns the last response once the retries are spent', async () => {
		const { runtime, id, server } = await setup(
			(_req, res) => sendJson(res, 502, {}),
			{},
			{ maxRetries: 1, backoffMs: 1 },
		);
		const result = await runtime.executeIntegration({ integrationId: id, operation: 'DELETE /x' });
		expect(result).toMatchObject({ statusCode: 502, attempts: 2 });
		expect(server.requests).toHaveLength(2);
	});

	it('retries a refused connection for idempotent methods and then fails with a stable code', async () => {
		const { runtime, id, server } = await setup((_req, res) => sendJson(res, 200, {}));
		await server.close();
		await expect(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /x' }),
		).rejects.toMatchObject({
			code: 'ERR_HTTP_REQUEST_FAILED',
			causeCode: 'ECONNREFUSED',
			message: expect.stringContaining('after 3 attempt(s)'),
		});
	});
});

describe('Retry-After', () => {
	it('waits at least the Retry-After of a 429 before retrying', async () => {
		let calls = 0;
		const { runtime, id, server } = await setup((_req, res) => {
			calls++;
			if (calls === 1) sendJson(res, 429, {}, { 'retry-after': '1' });
			else sendJson(res, 200, { ok: true });
		});
		const result = await runtime.executeIntegration({
			integrationId: id,
			operation: 'GET /limited',
		});
		expect(result).toMatchObject({ statusCode: 200, attempts: 2 });
		const [first, second] = server.requests;
		expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
	});

	it('gives back the 429 without waiting when Retry-After exceeds the cap or the deadline', async () => {
		const { runtime, id, server } = await setup(
			(_req, res) => sendJson(res, 429, {}, { 'retry-after': '120' }),
			{ maxRetryAfterMillis: 10_000 },
		);
		const result = await runtime.executeIntegration({
			integrationId: id,
			operation: 'GET /limited',
		});
		expect(result).toMatchObject({ statusCode: 429, attempts: 1 });
		const tight = await runtime.executeIntegration({
			integrationId: id,
			operation: 'GET /x',
			timeout: 500,
		});
		expect(tight.attempts).toBe(1);
		expect(server.requests).toHaveLength(2);
	});
});

describe('timeouts and cancellation', () => {
	const slow: LocalHandler = (_req, res) => {
		const timer = setTimeout(() => sendJson(res, 200, {}), 5_000);
		res.on('close', () => clearTimeout(timer));
	};

	it('fails with ERR_TIMEOUT when the deadline passes, aborting the request', async () => {
		const { runtime, id } = await setup(slow);
		await expect(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /slow', timeout: 100 }),
		).rejects.toMatchObject({
			code: 'ERR_TIMEOUT',
			timeoutMillis: 100,
		});
	});

	it('fails with ERR_ABORTED when the caller cancels', async () => {
		const { runtime, id } = await setup(slow);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		await expect(
			runtime.executeIntegration(
				{ integrationId: id, operation: 'GET /slow' },
				{ signal: controller.signal },
			),
		).rejects.toMatchObject({ code: 'ERR_ABORTED' });
	});

	it('rejects a timeout above maxTimeoutMillis as invalid input', async () => {
		const { runtime, id } = await setup(slow, { maxTimeoutMillis: 1_000 });
		await expect(
			runtime.executeIntegration({ integrationId: id, operation: 'GET', timeout: 5_000 }),
		).rejects.toMatchObject({
			code: 'ERR_INVALID_INPUT',
		});
	});
});

describe('rate limit', () => {
	it('fails fast with ERR_RATE_LIMITED when the next slot is after the deadline', async () => {
		const { runtime, id, server } = await setup((_req, res) => sendJson(res, 200, {}), {
			rateLimit: { requestsPerSecond: 1, burst: 1 },
		});
		await runtime.executeIntegration({ integrationId: id, operation: 'GET /1' });
		await expect(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /2', timeout: 200 }),
		).rejects.toMatchObject({
			code: 'ERR_RATE_LIMITED',
		});
		expect(server.requests).toHaveLength(1);
	});

	it('spaces calls to the configured rate instead of failing when there is time', async () => {
		const { runtime, id, server } = await setup((_req, res) => sendJson(res, 200, {}), {
			rateLimit: { requestsPerSecond: 20, burst: 1 },
		});
		await Promise.all(
			[1, 2, 3].map((n) =>
				runtime.executeIntegration({ integrationId: id, operation: `GET /${n}` }),
			),
		);
		const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
		expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(90);
	});
});

describe('endpoint policy', () => {
	const resolver =
		(table: Record<string, string>, seen: string[]): LookupFunction =>
		(hostname, options, callback) => {
			seen.push(hostname);
			const address = table[hostname] ?? '127.0.0.1';
			const family = address.includes(':') ? 6 : 4;
			if (options.all) callback(null, [{ address, family } satisfies LookupAddress]);
			else callback(null, address, family);
		};

	it('refuses to create an integration whose endpoint is a metadata or link-local address', async () => {
		const runtime = createIntegrationsRuntime();
		open.runtime = runtime;
		for (const endpoint of [
			'http://169.254.169.254/latest',
			'http://[fe80::1]/',
			'http://metadata.google.internal/',
		]) {
			await expect(
				runtime.createIntegration({ name: 'm', type: 'api', config: { endpoint } }),
			).rejects.toMatchObject({
				code: 'ERR_ENDPOINT_DENIED',
			});
		}
	});

	it('blocks a host that resolves to the metadata address at connect time', async () => {
		const seen: string[] = [];
		const runtime = createIntegrationsRuntime({
			http: { resolve: resolver({ 'rebind.test': '169.254.169.254' }, seen) },
		});
		open.runtime = runtime;
		const { integration } = await runtime.createIntegration({
			name: 'r',
			type: 'api',
			config: { endpoint: 'http://rebind.test:9/' },
		});
		await expect(
			runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
		).rejects.toMatchObject({
			code: 'ERR_ENDPOINT_DENIED',
			reason: 'address',
		});
		expect(seen).toContain('rebind.test');
	});

	it('connects through the guarded resolver when the address is allowed', async () => {
		const seen: string[] = [];
		const server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
		open.server = server;
		const runtime = createIntegrationsRuntime({ http: { resolve: resolver({}, seen) } });
		open.runtime = runtime;
		const port = new URL(server.url).port;
		const { integration } = await runtime.createIntegration({
			name: 'ok',
			type: 'api',
			config: { endpoint: `http://good.test:${port}/` },
		});
		const result = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET',
		});
		expect(result.statusCode).toBe(200);
		expect(seen).toEqual(['good.test']);
	});

	it('does not follow a redirect to a denied address', async () => {
		const seen: string[] = [];
		const server = await startLocalServer((_req, res) => {
			res.writeHead(302, { location: 'http://metadata.test/latest/meta-data/' }).end();
		});
		open.server = server;
		const runtime = createIntegrationsRuntime({
			http: { resolve: resolver({ 'metadata.test': '169.254.169.254' }, seen) },
		});
		open.runtime = runtime;
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: server.url },
		});
		const result = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET',
		});
		expect(result).toMatchObject({ statusCode: 302, ok: true });
		expect(seen).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('rejects operations that try to leave the endpoint origin or path', async () => {
		const { runtime, id, server } = await setup((_req, res) => sendJson(res, 200, {}));
		for (const operation of [
			'GET http://169.254.169.254/',
			'GET //169.254.169.254/',
			'GET /../admin',
			'GET /%2e%2e/admin',
		]) {
			await expect(
				runtime.executeIntegration({ integrationId: id, operation }),
			).rejects.toMatchObject({
				code: 'ERR_INVALID_OPERATION',
			});
		}
		expect(server.requests).toHaveLength(0);
	});
});

import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import {
	createIntegrationsRuntime,
	type IntegrationsRuntime,
	type LookupFunction,
} from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

// A hostile client tries to make the runtime call something the endpoint policy or the integration's
// base path forbids: dot segments hidden by characters the URL parser strips, the unspecified
// address (which reaches loopback), a Host header of its own, and deny-list gaps.

guardProcess();

const open: { servers: LocalHttpServer[]; runtimes: IntegrationsRuntime[] } = {
	servers: [],
	runtimes: [],
};
afterEach(async () => {
	for (const runtime of open.runtimes.splice(0)) await runtime.close();
	for (const server of open.servers.splice(0)) await server.close();
});

async function server() {
	const started = await startLocalServer((req, res) => sendJson(res, 200, { path: req.url }));
	open.servers.push(started);
	return started;
}

function runtimeWith(options: Parameters<typeof createIntegrationsRuntime>[0] = {}) {
	const runtime = createIntegrationsRuntime({
		rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
		defaultRetryPolicy: { maxRetries: 0, backoffMillis: 1 },
		...options,
	});
	open.runtimes.push(runtime);
	return runtime;
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; reason?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as { code?: string };
	}
	return {};
}

describe('path traversal past the endpoint base path', () => {
	const TRAVERSALS = [
		'/.\t./.\t./admin',
		'GET /.\t./.\t./admin',
		'/.\r./.\n./admin',
		'/..\t/..\t/admin',
		'/\t../\t../admin',
		'/%2e\t%2e/%2E%2e/admin',
		'/x/.\t./.\t./.\t./admin',
		'DELETE /.\u000b./.\u000c./admin',
	];

	it('refuses every operation hiding dot segments behind tab, CR or LF, and never leaves the base path', async () => {
		const local = await server();
		const runtime = runtimeWith();
		const { integration } = await runtime.createIntegration({
			name: 'acme',
			type: 'api',
			config: { endpoint: `${local.url}/tenants/acme/api` },
		});
		for (const operation of TRAVERSALS) {
			const error = await rejection(
				runtime.executeIntegration({ integrationId: integration.id, operation }),
			);
			expect(error.code, JSON.stringify(operation)).toBe('ERR_INVALID_OPERATION');
		}
		const ok = await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET /users/..list',
		});
		expect(ok.body).toEqual({ path: '/tenants/acme/api/users/..list' });
		for (const request of local.requests) {
			expect(request.url.startsWith('/tenants/acme/api/')).toBe(true);
		}
	});
});

describe('the unspecified address reaches loopback', () => {
	const LOOPBACK_DENIED = { denyCidrs: ['127.0.0.0/8', '::1/128'] };

	it('refuses 0.0.0.0, 0, [::] and their mapped forms when loopback is denied', async () => {
		const local = await server();
		const port = new URL(local.url).port;
		const runtime = runtimeWith({ endpointPolicy: LOOPBACK_DENIED });
		for (const host of [
			'0.0.0.0',
			'0',
			'0x0',
			'0.0.0.1',
			'[::]',
			'[::ffff:0.0.0.0]',
			'[::ffff:0:0]',
			'[::ffff:127.0.0.1]',
			'[::ffff:7f00:1]',
			'[::127.0.0.1]',
			'[64:ff9b::127.0.0.1]',
		]) {
			const endpoint = `http://${host}:${port}/`;
			const error = await rejection(
				runtime.createIntegration({ name: 'l', type: 'api', config: { endpoint } }),
			);
			expect(error.code, endpoint).toBe('ERR_ENDPOINT_DENIED');
		}
		expect(local.requests).toHaveLength(0);
	});

	it('refuses a name that resolves to 0.0.0.0 or :: at connect time', async () => {
		const local = await server();
		const port = new URL(local.url).port;
		for (const [address, family] of [
			['0.0.0.0', 4],
			['::', 6],
			['::ffff:0.0.0.0', 6],
		] as const) {
			const resolve: LookupFunction = (_hostname, options, callback) => {
				if (options.all) callback(null, [{ address, family } as LookupAddress]);
				else callback(null, address, family);
			};
			const runtime = runtimeWith({ endpointPolicy: LOOPBACK_DENIED, http: { resolve } });
			const { integration } = await runtime.createIntegration({
				name: 'n',
				type: 'api',
				config: { endpoint: `http://zero.test:${port}/` },
			});
			const error = await rejection(
				runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
			);
			expect(error.code, address).toBe('ERR_ENDPOINT_DENIED');
		}
		expect(local.requests).toHaveLength(0);
	});
});

describe('headers the runtime sets itself', () => {
	const RESERVED = [
		'Host',
		'host',
		'Connection',
		'Keep-Alive',
		'Proxy-Connection',
		'Transfer-Encoding',
		'TE',
		'Trailer',
		'Upgrade',
		'Content-Length',
		'Expect',
	];

	it('refuses Host and hop-by-hop headers at create, as headers, header:<Name> credentials or apiKeyHeader', async () => {
		const local = await server();
		const runtime = runtimeWith({ endpointPolicy: { allowHosts: ['127.0.0.1'] } });
		const endpoint = `${local.url}/`;
		for (const name of RESERVED) {
			for (const config of [
				{ endpoint, headers: { [name]: 'internal.example' } },
				{ endpoint, credentials: { [`header:${name}`]: 'internal.example' } },
				{ endpoint, credentials: { apiKey: 'internal.example', apiKeyHeader: name } },
			]) {
				const error = await rejection(
					runtime.createIntegration({ name: 'h', type: 'api', config }),
				);
				expect(error.code, `${name} ${JSON.stringify(config)}`).toBe('ERR_INVALID_INPUT');
			}
		}
		expect(local.requests).toHaveLength(0);
	});
});

describe('deny-list gaps', () => {
	it('refuses Azure WireServer, IPv4-compatible, NAT64 and 6to4 forms of metadata addresses', async () => {
		const runtime = runtimeWith();
		for (const endpoint of [
			'http://168.63.129.16/machine?comp=goalstate',
			'http://[::169.254.169.254]/',
			'http://[::a9fe:a9fe]/',
			'http://[64:ff9b::169.254.169.254]/',
			'http://[64:ff9b::a9fe:a9fe]/latest/',
			'http://[2002:a9fe:a9fe::1]/',
			'http://[::ffff:168.63.129.16]/',
		]) {
			const error = await rejection(
				runtime.createIntegration({ name: 'm', type: 'api', config: { endpoint } }),
			);
			expect(error.code, endpoint).toBe('ERR_ENDPOINT_DENIED');
		}
	});

	it('refuses endpoints that are not http or https at create', async () => {
		const runtime = runtimeWith();
		for (const endpoint of [
			'file:///etc/passwd',
			'gopher://127.0.0.1:6379/_FLUSHALL',
			'javascript:alert(1)',
			'data:text/plain,hi',
			'ftp://example.com/',
			'ws://example.com/',
		]) {
			const error = await rejection(
				runtime.createIntegration({ name: 'p', type: 'api', config: { endpoint } }),
			);
			expect(error, endpoint).toMatchObject({ code: 'ERR_ENDPOINT_DENIED', reason: 'protocol' });
		}
	});

	it('refuses a protocols option that names anything but http: and https:', () => {
		for (const protocols of [['file:'], ['http:', 'gopher:'], ['javascript:']]) {
			expect(() => createIntegrationsRuntime({ endpointPolicy: { protocols } })).toThrow(
				expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'endpointPolicy.protocols' }),
			);
		}
	});
});

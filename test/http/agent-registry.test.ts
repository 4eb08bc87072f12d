import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentRegistry, HTTP_POOL_DEFAULTS } from '../../src/http/agent-registry.js';
import { createEndpointPolicy } from '../../src/http/endpoint/index.js';
import { createIntegrationsRuntime, type IntegrationsRuntime } from '../../src/mcp/index.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';

describe('pooled undici clients', () => {
	let server: LocalHttpServer;
	let runtime: IntegrationsRuntime;

	beforeEach(async () => {
		server = await startLocalServer((req, res) => sendJson(res, 200, { path: req.url }));
		runtime = createIntegrationsRuntime({ rateLimit: { requestsPerSecond: 1000, burst: 1000 } });
	});
	afterEach(async () => {
		await runtime.close();
		await server.close();
	});

	const create = async (tenantId: string, credentials?: Record<string, string>) => {
		const { integration } = await runtime.createIntegration(
			{ name: 'svc', type: 'api', config: { endpoint: `${server.url}/api`, credentials } },
			{ tenantId },
		);
		return integration.id;
	};

	const socketsOf = (predicate: (path: string) => boolean) =>
		new Set(server.requests.filter((r) => predicate(r.url)).map((r) => r.socketId));

	// undici frees a socket for the pool on the tick after a response ends; a call issued in the same
	// tick may open a second socket, so the tests let that tick pass between calls.
	const tick = () => new Promise((resolve) => setImmediate(resolve));

	it('reuses one keep-alive connection for sequential calls of a tenant', async () => {
		const id = await create('acme');
		for (let i = 0; i < 20; i++) {
			const result = await runtime.executeIntegration(
				{ integrationId: id, operation: `GET /items/${i}` },
				{ tenantId: 'acme' },
			);
			expect(result.statusCode).toBe(200);
			await tick();
		}
		expect(server.requests).toHaveLength(20);
		expect(server.connectionCount).toBe(1);
	});

	it('shares the pool between integrations of the same tenant and credential set', async () => {
		const a = await create('acme', { token: 'same-token-1234' });
		const b = await create('acme', { token: 'same-token-1234' });
		for (let i = 0; i < 5; i++) {
			await runtime.executeIntegration(
				{ integrationId: a, operation: 'GET /a' },
				{ tenantId: 'acme' },
			);
			await tick();
			await runtime.executeIntegration(
				{ integrationId: b, operation: 'GET /b' },
				{ tenantId: 'acme' },
			);
			await tick();
		}
		expect(server.connectionCount).toBe(1);
	});

	it('never shares connections across tenants, even with the same credentials', async () => {
		const a = await create('tenant-a', { token: 'shared-token-1234' });
		const b = await create('tenant-b', { token: 'shared-token-1234' });
		for (let i = 0; i < 5; i++) {
			await runtime.executeIntegration(
				{ integrationId: a, operation: 'GET /a' },
				{ tenantId: 'tenant-a' },
			);
			await tick();
			await runtime.executeIntegration(
				{ integrationId: b, operation: 'GET /b' },
				{ tenantId: 'tenant-b' },
			);
			await tick();
		}
		expect(server.connectionCount).toBe(2);
		const ofA = socketsOf((p) => p.endsWith('/a'));
		const ofB = socketsOf((p) => p.endsWith('/b'));
		expect([...ofA].filter((id) => ofB.has(id))).toEqual([]);
		expect(server.connectionCount).toBe(ofA.size + ofB.size);
	});

	it('keeps a separate pool per credential set within a tenant', async () => {
		const a = await create('acme', { token: 'token-one-1234' });
		const b = await create('acme', { token: 'token-two-1234' });
		for (let i = 0; i < 3; i++) {
			await runtime.executeIntegration(
				{ integrationId: a, operation: 'GET /a' },
				{ tenantId: 'acme' },
			);
			await runtime.executeIntegration(
				{ integrationId: b, operation: 'GET /b' },
				{ tenantId: 'acme' },
			);
		}
		const ofA = socketsOf((p) => p.endsWith('/a'));
		expect([...socketsOf((p) => p.endsWith('/b'))].filter((id) => ofA.has(id))).toEqual([]);
	});

	it('hides integrations of other tenants', async () => {
		const id = await create('tenant-a');
		await expect(
			runtime.executeIntegration({ integrationId: id, operation: 'GET' }, { tenantId: 'tenant-b' }),
		).rejects.toMatchObject({ code: 'ERR_INTEGRATION_NOT_FOUND' });
		expect(server.requests).toHaveLength(0);
	});

	it('bounds connections per origin under concurrent calls', async () => {
		await runtime.close();
		runtime = createIntegrationsRuntime({
			http: { connectionsPerOrigin: 2 },
			rateLimit: { requestsPerSecond: 1000, burst: 1000 },
		});
		const id = await create('acme');
		await Promise.all(
			Array.from({ length: 12 }, () =>
				runtime.executeIntegration({ integrationId: id, operation: 'GET' }, { tenantId: 'acme' }),
			),
		);
		expect(server.requests).toHaveLength(12);
		expect(server.connectionCount).toBeLessThanOrEqual(2);
	});
});

describe('AgentRegistry leases', () => {
	const registry = (maxAgents: number) =>
		new AgentRegistry({ ...HTTP_POOL_DEFAULTS, maxAgents }, createEndpointPolicy());
	const isClosed = (agent: unknown) => (agent as { closed: boolean }).closed;

	it('never closes an agent a call holds, whoever opens new pools, and evicts it once released', async () => {
		const agents = registry(2);
		const held = agents.lease('victim', 'k');
		const others = Array.from({ length: 4 }, (_, i) => agents.lease('hostile', `k${i}`));
		for (const other of others) other.release();
		expect(isClosed(held.dispatcher)).toBe(false);
		expect(agents.size).toBeLessThanOrEqual(2);
		expect(agents.lease('victim', 'k').dispatcher).toBe(held.dispatcher);
		await agents.close();
	});

	it('closes the caller’s own least recently used idle agent before another tenant’s', async () => {
		const agents = registry(2);
		const victim = agents.lease('victim', 'k');
		victim.release();
		const first = agents.lease('hostile', 'k0');
		first.release();
		agents.lease('hostile', 'k1').release();
		expect(isClosed(first.dispatcher)).toBe(true);
		expect(isClosed(victim.dispatcher)).toBe(false);
		await agents.close();
	});

	it('goes over maxAgents only while every agent is in use, and shrinks back as calls settle', async () => {
		const agents = registry(1);
		const leases = [agents.lease('a', 'k'), agents.lease('b', 'k'), agents.lease('c', 'k')];
		expect(agents.size).toBe(3);
		leases[0]?.release();
		leases[0]?.release(); // a second release changes nothing
		expect(agents.size).toBe(2);
		for (const lease of leases.slice(1)) lease.release();
		expect(agents.size).toBe(1);
		await agents.close();
	});
});

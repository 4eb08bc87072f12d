import { afterEach, describe, expect, it } from 'vitest';
import { createIntegrationsRuntime, type IntegrationsRuntime } from '../../../../src/mcp/index.js';
import { findLeaks } from '../../../support/find-leaks.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../../support/local-http-server.js';
import { bucketMessages, filesUnder } from '../../../support/nats-kv-bytes.js';
import { freshBucket, newKey, useStores } from '../../../support/nats-kv-stores.js';
import { startNatsServer, useNatsServer } from '../../../support/nats-server.js';

// Runtimes that share no memory, only a nats-server: what one creates, the other lists, tests and
// executes with the credentials it never saw, and nothing secret is readable on NATS.

const nats = useNatsServer();
const openStore = useStores();

const TOKEN = 'tok-SENTINEL/9f+2d&x<y>';
const PASSWORD = 'pw-SENTINEL-c0ffee';
const HEADER_SECRET = 'hdr-SENTINEL-41d2';

let http: LocalHttpServer | undefined;
const runtimes: IntegrationsRuntime[] = [];
afterEach(async () => {
	await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
	await http?.close();
	http = undefined;
});

async function replica(bucket: string, secretKey: string, servers = nats.server.url) {
	const store = await openStore({ servers, bucket, secretKey });
	const runtime = createIntegrationsRuntime({ store });
	runtimes.push(runtime);
	return { store, runtime };
}

/** A server that answers 200 only with the integration's credentials, and echoes the path. */
async function credentialCheckingServer() {
	http = await startLocalServer((req, res) =>
		req.headers.authorization === `Bearer ${TOKEN}` &&
		req.headers['x-session-token'] === HEADER_SECRET
			? sendJson(res, 200, { path: req.url })
			: sendJson(res, 401, {}),
	);
	return http;
}

const createInput = (endpoint: string, name = 'crm') => ({
	name,
	type: 'api',
	config: {
		endpoint,
		headers: { 'x-session-token': HEADER_SECRET, accept: 'application/json' },
		credentials: { token: TOKEN, username: 'svc', password: PASSWORD },
	},
});

describe('two runtimes on one NATS KV bucket', () => {
	it('lists, tests and executes on one replica what the other created, with its credentials', async () => {
		const server = await credentialCheckingServer();
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await replica(bucket, secretKey);
		const b = await replica(bucket, secretKey);
		const { integration } = await a.runtime.createIntegration(createInput(`${server.url}/v2`));
		const tested = await b.runtime.testIntegration({ integrationId: integration.id });
		expect(tested).toMatchObject({ passed: true, status: 'active' });
		const executed = await b.runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET /deals',
		});
		expect(executed).toMatchObject({ statusCode: 200, body: { path: '/v2/deals' } });
		await expect
			.poll(() => a.runtime.listIntegrations({ status: 'active' }))
			.toMatchObject({ total: 1, integrations: [{ id: integration.id, status: 'active' }] });
		const listed = await b.runtime.listIntegrations({});
		expect(listed.integrations[0]).toMatchObject({
			name: 'crm',
			headerNames: ['accept'],
			secretNames: ['token', 'username', 'password', 'header:x-session-token'],
		});
		expect(JSON.stringify([tested, executed, listed])).not.toContain('SENTINEL');
		expect(server.requests).toHaveLength(2);
	});

	it('keeps no credential readable on NATS: every message and file scanned in every encoding', async () => {
		const server = await credentialCheckingServer();
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await replica(bucket, secretKey);
		const b = await replica(bucket, secretKey);
		for (let i = 0; i < 3; i++) {
			const { integration } = await a.runtime.createIntegration(createInput(server.url, `crm${i}`));
			await b.runtime.testIntegration({ integrationId: integration.id });
		}
		const basic = Buffer.from(`svc:${PASSWORD}`).toString('base64');
		const secrets = [TOKEN, PASSWORD, HEADER_SECRET, `svc:${PASSWORD}`, basic, 'SENTINEL'];
		const messages = await bucketMessages(nats.nc, bucket);
		expect(messages).toHaveLength(3); // history 1: the latest value of each key (disk keeps older ones too)
		expect(findLeaks(messages, secrets)).toEqual([]);
		expect(findLeaks(filesUnder(nats.server.storeDir), secrets)).toEqual([]);
	});

	it('loses nothing when a replica restarts: the new one executes with the stored credentials', async () => {
		const server = await credentialCheckingServer();
		const bucket = freshBucket();
		const secretKey = newKey();
		const a = await replica(bucket, secretKey);
		const { integration } = await a.runtime.createIntegration(createInput(server.url));
		await a.runtime.close();
		await a.store.close();
		const restarted = await replica(bucket, secretKey);
		expect(await restarted.runtime.listIntegrations({})).toMatchObject({ total: 1 });
		const executed = await restarted.runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'GET /after-restart',
		});
		expect(executed).toMatchObject({ statusCode: 200 });
	});

	it('fails tool calls with ERR_STORE_UNAVAILABLE while NATS is down and serves again after', async () => {
		const server = await startNatsServer();
		try {
			const bucket = freshBucket();
			const secretKey = newKey();
			const a = await replica(bucket, secretKey, server.url);
			const b = await replica(bucket, secretKey, server.url);
			const { integration } = await a.runtime.createIntegration(createInput('http://127.0.0.1:1'));
			await server.stop({ crash: true });
			await expect
				.poll(() =>
					b.runtime.listIntegrations({}).then(
						() => 'ok',
						(e) => e.code,
					),
				)
				.toBe('ERR_STORE_UNAVAILABLE');
			await expect(
				a.runtime.createIntegration(createInput('http://127.0.0.1:1', 'during')),
			).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
			await expect(
				b.runtime.executeIntegration({ integrationId: integration.id, operation: 'GET' }),
			).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
			await server.start();
			await expect
				.poll(
					() =>
						b.runtime.listIntegrations({}).then(
							(r) => r.total,
							(e) => e.code,
						),
					{
						timeout: 15_000,
					},
				)
				.toBe(1);
		} finally {
			await server.dispose();
		}
	});
});

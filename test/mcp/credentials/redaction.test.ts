import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/mcp/credentials/redactor.js';
import { createIntegrationsRuntime, type IntegrationsRuntime } from '../../../src/mcp/index.js';
import {
	type LocalHttpServer,
	sendJson,
	startLocalServer,
} from '../../support/local-http-server.js';
import { createMetricCollector } from '../../support/metric-collector.js';

const SECRET = 'sk-SENTINEL-7f3a9c';
const HEADER_SECRET = 'hdr-SENTINEL-41d2';
const forms = [SECRET, HEADER_SECRET, Buffer.from(`svc:${SECRET}`).toString('base64')];

const open: { server?: LocalHttpServer; runtime?: IntegrationsRuntime } = {};
afterEach(async () => {
	await open.runtime?.close();
	await open.server?.close();
});

function assertClean(label: string, value: unknown): void {
	const text =
		typeof value === 'string'
			? value
			: `${JSON.stringify(value)}\n${inspect(value, { depth: 10 })}`;
	for (const form of forms) expect(text, `${label} leaks a secret`).not.toContain(form);
}

describe('credential redaction', () => {
	it('never returns, logs, emits or measures a credential, even when the server echoes it', async () => {
		open.server = await startLocalServer((req, res) => {
			if (req.url.includes('slow')) return;
			const status = req.url.includes('fail') ? 500 : 200;
			sendJson(res, status, {
				echoedHeaders: req.headers,
				note: `you sent ${req.headers['x-api-key']}`,
			});
		});
		const logs: unknown[] = [];
		const log = (obj: unknown, msg: string) => logs.push({ obj, msg });
		const events: unknown[] = [];
		const metrics = createMetricCollector();
		const runtime = createIntegrationsRuntime({
			logger: { error: log, warn: log, info: log, debug: log },
			events: { apiCalled: (e) => events.push(e) },
			meterProvider: metrics.meterProvider,
			defaultRetryPolicy: { maxRetries: 1, backoffMillis: 1 },
		});
		open.runtime = runtime;
		const outputs: unknown[] = [];
		const capture = async (promise: Promise<unknown>) => {
			try {
				outputs.push(await promise);
			} catch (error) {
				outputs.push(error, (error as Error).message, (error as Error).stack, inspect(error));
			}
		};
		const created = await runtime.createIntegration({
			name: 'svc',
			type: 'api',
			config: {
				endpoint: `${open.server.url}/v1`,
				credentials: { username: 'svc', password: SECRET, apiKey: SECRET },
				headers: { 'X-Session-Token': HEADER_SECRET, 'X-Trace': 'visible' },
			},
		});
		outputs.push(created);
		const id = created.integration.id;
		expect(created.integration.secretNames).toEqual([
			'username',
			'password',
			'apiKey',
			'header:x-session-token',
		]);
		expect(created.integration.headerNames).toEqual(['x-trace']);

		await capture(runtime.testIntegration({ integrationId: id, testType: 'full' }));
		await capture(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /echo', payload: { q: 1 } }),
		);
		await capture(runtime.executeIntegration({ integrationId: id, operation: 'GET /fail' }));
		await capture(
			runtime.executeIntegration({ integrationId: id, operation: 'GET /slow', timeout: 50 }),
		);
		await capture(runtime.executeIntegration({ integrationId: id, operation: 'bad op!' }));
		await capture(runtime.listIntegrations({}));
		await capture(runtime.monitorIntegration({ integrationId: id }));
		await capture(
			runtime.createIntegration({
				name: 'x',
				type: 'api',
				config: { credentials: { token: 42 } },
			} as never),
		);

		const echo = outputs[2] as { body: { echoedHeaders: Record<string, string>; note: string } };
		expect(echo.body.echoedHeaders['x-api-key']).toBe('[REDACTED]');
		expect(echo.body.echoedHeaders.authorization).toBe('[REDACTED]');
		expect(echo.body.note).toBe('you sent [REDACTED]');
		expect(open.server.requests[1]?.headers['x-api-key']).toBe(SECRET);

		assertClean('results and errors', outputs);
		assertClean('logs', logs);
		assertClean('events', events);
		assertClean('metrics', await metrics.points());
		assertClean('runtime', inspect(runtime, { depth: 10, showHidden: true }));
		expect(events.length).toBeGreaterThan(0);
		expect(logs.length).toBeGreaterThan(0);
	});

	it('records only low-cardinality metric attributes', async () => {
		open.server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
		const metrics = createMetricCollector();
		const runtime = createIntegrationsRuntime({ meterProvider: metrics.meterProvider });
		open.runtime = runtime;
		const { integration } = await runtime.createIntegration({
			name: 'x',
			type: 'api',
			config: { endpoint: open.server.url },
		});
		await runtime.executeIntegration({
			integrationId: integration.id,
			operation: 'PUT /a',
			payload: {},
		});
		await runtime.listIntegrations({ limit: 0 }).catch(() => {});
		const points = await metrics.points();
		const keys = new Set(points.flatMap((p) => Object.keys(p.attributes)));
		expect([...keys].sort()).toEqual(['brand', 'method', 'outcome', 'status_class', 'tool']);
		expect(points).toContainEqual(
			expect.objectContaining({
				name: 'integrations.http.client.request.duration',
				attributes: { brand: 'brAInwav', method: 'PUT', status_class: '2xx' },
			}),
		);
		expect(points).toContainEqual(
			expect.objectContaining({
				name: 'integrations.mcp.tool.calls',
				attributes: { brand: 'brAInwav', tool: 'list_integrations', outcome: 'error' },
				value: 1,
			}),
		);
	});
});

const hex4 = (unit: number) => unit.toString(16).padStart(4, '0');
const units = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
/** Ways servers write a string back: escapes of every common style, and base64. */
const ENCODERS: Record<string, (s: string) => string> = {
	raw: (s) => s,
	json: (s) => JSON.stringify(s).slice(1, -1),
	php: (s) => JSON.stringify(s).slice(1, -1).replaceAll('/', '\\/'),
	asciiUpper: (s) =>
		units(s)
			.map((unit) => `\\u${hex4(unit).toUpperCase()}`)
			.join(''),
	url: (s) => encodeURIComponent(s),
	html: (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join(''),
	base64: (s) => Buffer.from(s).toString('base64'),
	base64url: (s) => Buffer.from(s).toString('base64url'),
};
const ESCAPING = ['raw', 'json', 'php', 'asciiUpper', 'url', 'html'];

const secretArb = fc.string({ minLength: 8, maxLength: 40, unit: 'grapheme' });
const textArb = fc.string({ maxLength: 40 });

describe('createRedactor (property)', () => {
	it('removes a secret written in any escaping style or base64, wherever it sits in the text', () => {
		fc.assert(
			fc.property(
				secretArb,
				textArb,
				textArb,
				fc.constantFrom(...Object.keys(ENCODERS)),
				(secret, before, after, style) => {
					const encoded = ENCODERS[style]?.(secret) ?? secret;
					const redacted = createRedactor([secret])(`${before}${encoded}${after}`);
					expect(redacted).toContain('[REDACTED]');
					expect(redacted.includes(encoded)).toBe(false);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('never leaves the start of an escaped secret at the end of a truncated text', () => {
		fc.assert(
			fc.property(
				secretArb,
				fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', ' ', '.') }),
				fc.constantFrom(...ESCAPING),
				fc.double({ min: 0.01, max: 0.99, noNaN: true }),
				(secret, before, style, fraction) => {
					const encoded = ENCODERS[style]?.(secret) ?? secret;
					const cut = Math.max(1, Math.floor(encoded.length * fraction));
					const redacted = createRedactor([secret])(`${before}${encoded.slice(0, cut)}`, {
						truncated: true,
					});
					expect(before.startsWith(redacted)).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('leaves a text without the secret unchanged, and short secrets alone', () => {
		const redact = createRedactor(['s3cr3t-value', 'abc']);
		expect(redact('{"status":"ok","id":42}')).toBe('{"status":"ok","id":42}');
		expect(redact('abc abc')).toBe('abc abc');
	});
});

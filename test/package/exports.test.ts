import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// These tests load the built package by its own name (self-reference through the exports map),
// from ESM and from CJS, in child processes, as a user's code would.
const root = fileURLToPath(new URL('../..', import.meta.url));

function node(args: string[]): string {
	return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
}

const probe = `
const names = ['createIntegrationsEvent', 'integrationsMcpTools', 'INTEGRATIONS_TOPICS',
	'IntegrationConnectedEventSchema', 'DataSyncEventSchema', 'ApiCallEventSchema', 'WebhookReceivedEventSchema'];
const out = { missing: names.filter((n) => !(n in m)), tools: m.integrationsMcpTools.map((t) => t.name),
	event: m.createIntegrationsEvent.apiCalled({ integrationId: 'i', method: 'GET', endpoint: '/', statusCode: 200,
		duration: 1, calledAt: 'now', extra: 1 }) };
try { m.createIntegrationsEvent.dataSynced({}); } catch (e) { out.error = e.name; }
console.log(JSON.stringify(out));`;

describe('built package', () => {
	beforeAll(() => {
		if (!existsSync(`${root}/dist/index.js`) || !existsSync(`${root}/dist/index.cjs`)) {
			throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
		}
	});

	const expected = {
		missing: [],
		tools: [
			'create_integration',
			'test_integration',
			'execute_integration',
			'list_integrations',
			'monitor_integration',
		],
		event: {
			type: 'integrations.api.called',
			data: {
				integrationId: 'i',
				method: 'GET',
				endpoint: '/',
				statusCode: 200,
				duration: 1,
				calledAt: 'now',
			},
		},
		error: 'ZodError',
	};

	it('imports from ESM with the upstream names', () => {
		const script = `const m = await import('@cortex-os/integrations');${probe}`;
		expect(JSON.parse(node(['--input-type=module', '-e', script]))).toStrictEqual(expected);
	});

	it('requires from CJS with the upstream names', () => {
		const script = `const m = require('@cortex-os/integrations');${probe}`;
		expect(JSON.parse(node(['--input-type=commonjs', '-e', script]))).toStrictEqual(expected);
	});

	it.each([
		['@cortex-os/integrations/mcp', ['createIntegrationsRuntime', 'createIntegrationsMcpServer']],
		['@cortex-os/integrations/nats', ['createNatsBusAdapter', 'subscribeNats']],
		['@cortex-os/integrations/a2a', ['createA2ABusAdapter']],
	])('loads the subpath %s from ESM and CJS', (specifier, names) => {
		const check = `console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => typeof m[n] !== 'function')))`;
		const esm = `const m = await import('${specifier}'); ${check}`;
		const cjs = `const m = require('${specifier}'); ${check}`;
		expect(JSON.parse(node(['--input-type=module', '-e', esm]))).toStrictEqual([]);
		expect(JSON.parse(node(['--input-type=commonjs', '-e', cjs]))).toStrictEqual([]);
	});

	// `node -e` in CommonJS mode loads node:crypto itself: the CJS build is required from an ES module.
	it.each([
		['ESM', "const m = await import('@cortex-os/integrations');"],
		[
			'CJS',
			"const m = (await import('node:module')).createRequire(process.cwd() + '/')('@cortex-os/integrations');",
		],
	])('loads node:crypto only with the first envelope id (%s)', (_, load) => {
		const crypto = "process.moduleLoadList.includes('NativeModule crypto')";
		const script = `${load} const atImport = ${crypto};
			m.createIntegrationsPublisher().dataSynced({ integrationId: 'i', syncId: 's',
				direction: 'inbound', recordsProcessed: 1, status: 'completed', syncedAt: 'now' });
			console.log(JSON.stringify([atImport, ${crypto}]));`;
		expect(JSON.parse(node(['--input-type=module', '-e', script]))).toStrictEqual([false, true]);
	});

	it('keeps optional parts out of the core entry', () => {
		const script = `require('@cortex-os/integrations');
			console.log(JSON.stringify(Object.keys(require.cache)
				.filter((f) => /@modelcontextprotocol|@nats-io|tinypool|undici/.test(f))));`;
		expect(JSON.parse(node(['--input-type=commonjs', '-e', script]))).toStrictEqual([]);
	});

	it("keeps the MCP runtime's own schemas out of what the core entry loads", () => {
		// The sources (from the source maps) of every chunk that dist/index.js loads, transitively.
		const script = `const fs = require('node:fs'); const path = require('node:path');
			const seen = new Set(); const sources = new Set();
			const walk = (file) => { if (seen.has(file)) return; seen.add(file);
				for (const s of JSON.parse(fs.readFileSync(file + '.map', 'utf8')).sources) sources.add(s);
				for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\\.\\/[^']+)'/g))
					walk(path.join('dist', m[1])); };
			walk('dist/index.js');
			console.log(JSON.stringify([...sources]));`;
		const sources: string[] = JSON.parse(node(['--input-type=commonjs', '-e', script]));
		expect(sources.some((s) => s.endsWith('src/mcp/schemas/tools.ts'))).toBe(true);
		expect(sources.filter((s) => /src\/mcp\/(?!schemas\/tools\.ts)/.test(s))).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createIntegrationsRuntime, type IntegrationsRuntime } from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import { maximalCreate } from '../support/maximal-create.js';
import { spawnCli } from '../support/raw-stdio-client.js';

// A hostile client sends create_integration calls at every CREATE_LIMITS bound, in a loop. The bytes
// one tenant and the whole runtime may hold are bounded: the loop ends in ERR_QUOTA_EXCEEDED, with
// the heap bounded and the runtime (or the CLI process) still serving.

guardProcess();

const MiB = 1024 * 1024;
/** Documented defaults of `maxTenantBytes` and `maxStoredBytes`. */
const DEFAULT_TENANT_BYTES = 64 * MiB;
const DEFAULT_STORED_BYTES = 256 * MiB;

const open: { runtimes: IntegrationsRuntime[] } = { runtimes: [] };
afterEach(async () => {
	for (const runtime of open.runtimes.splice(0)) await runtime.close();
});

function heapMeter() {
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	const used = () => {
		gc();
		gc();
		return process.memoryUsage().heapUsed;
	};
	const baseline = used();
	return { grown: () => used() - baseline };
}

describe('bytes held for integrations', () => {
	it('ends a loop of maximum-size creates in one tenant with ERR_QUOTA_EXCEEDED, heap bounded, runtime serving', async () => {
		const meter = heapMeter();
		const runtime = createIntegrationsRuntime();
		open.runtimes.push(runtime);
		let created = 0;
		let failure: unknown;
		for (let i = 0; i < 300 && failure === undefined; i++) {
			try {
				await runtime.createIntegration(maximalCreate(i), { tenantId: 'hostile' });
				created++;
			} catch (error) {
				failure = error;
			}
		}
		expect(failure).toMatchObject({
			code: 'ERR_QUOTA_EXCEEDED',
			scope: 'tenant',
			limitBytes: DEFAULT_TENANT_BYTES,
		});
		expect(created).toBeGreaterThan(0);
		const grown = meter.grown();
		if (process.env.MEMORY_DEBUG) console.log({ created, grown, perCreate: grown / created });
		expect(grown).toBeLessThan(DEFAULT_TENANT_BYTES);
		const listed = await runtime.listIntegrations({}, { tenantId: 'hostile' });
		expect(listed.total).toBe(created);
		const other = await runtime.createIntegration(maximalCreate(0), { tenantId: 'other' });
		expect(other.integration.status).toBe('inactive');
	}, 120_000);

	it('bounds the whole runtime across tenants with maxStoredBytes', async () => {
		const runtime = createIntegrationsRuntime({
			maxStoredBytes: 16 * MiB,
			maxTenantBytes: 4 * MiB,
		});
		open.runtimes.push(runtime);
		let failure: unknown;
		const perTenant = new Map<string, number>();
		for (let i = 0; i < 200 && failure === undefined; i++) {
			const tenantId = `t${i % 50}`;
			try {
				await runtime.createIntegration(maximalCreate(i), { tenantId });
				perTenant.set(tenantId, (perTenant.get(tenantId) ?? 0) + 1);
			} catch (error) {
				failure = error;
			}
		}
		expect(failure).toMatchObject({
			code: 'ERR_QUOTA_EXCEEDED',
			scope: 'runtime',
			limitBytes: 16 * MiB,
		});
		await expect(
			runtime.createIntegration(maximalCreate(0), { tenantId: 'new' }),
		).rejects.toMatchObject({ code: 'ERR_QUOTA_EXCEEDED', scope: 'runtime' });
		expect(Math.max(...perTenant.values())).toBeLessThan(4);
	}, 120_000);

	it('rejects quota options that are not positive integers, naming the option', () => {
		for (const [option, bad] of [
			['maxTenantBytes', 0],
			['maxTenantBytes', 1.5],
			['maxStoredBytes', -1],
			['maxStoredBytes', '1'],
		] as const) {
			expect(() => createIntegrationsRuntime({ [option]: bad } as never)).toThrow(
				expect.objectContaining({ code: 'ERR_INVALID_OPTION', option }),
			);
		}
		expect(DEFAULT_STORED_BYTES).toBe(4 * DEFAULT_TENANT_BYTES);
	});
});

describe('the CLI under a create loop', () => {
	it('answers ERR_QUOTA_EXCEEDED, stays alive, keeps serving and keeps its memory bounded', async () => {
		const cli = await spawnCli(['mcp', '--log-level', 'silent']);
		try {
			let created = 0;
			let errorText = '';
			for (let i = 0; i < 300 && !errorText; i++) {
				const reply = await cli.callTool('create_integration', maximalCreate(i));
				if (reply.result?.isError) errorText = reply.result.content[0]?.text ?? '';
				else created++;
			}
			expect(errorText).toMatch(/^ERR_QUOTA_EXCEEDED/);
			expect(cli.exitCode()).toBeNull();
			const listed = await cli.callTool('list_integrations', {});
			expect(listed.result?.structuredContent).toMatchObject({ total: created });
			const status = readFileSync(`/proc/${cli.pid}/status`, 'utf8');
			const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
			expect(rssKiB * 1024).toBeLessThan(512 * MiB);
		} finally {
			await cli.close();
		}
	}, 120_000);
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface Burst {
	events: number;
	received: number;
	accounting: Record<
		'offered' | 'delivered' | 'invalid' | 'dropped' | 'deadLettered' | 'pending',
		number
	>;
}

describe('npm start (scripts/demo/demo.mjs)', () => {
	it('runs the tools end to end and a burst whose accounting adds up, then exits 0', async () => {
		const { stdout } = await run(
			process.execPath,
			['scripts/demo/demo.mjs', '--events', '3000', '--json'],
			{ cwd: root, timeout: 60_000 },
		);
		const report = JSON.parse(stdout);
		expect(report.tools.tools).toEqual([
			'create_integration',
			'test_integration',
			'execute_integration',
			'list_integrations',
			'monitor_integration',
		]);
		expect(report.tools.steps.length).toBeGreaterThanOrEqual(15);
		expect(report.tools.steps.every((step: { ok: boolean }) => step.ok)).toBe(true);
		for (const mode of ['batching', 'sync'] as const) {
			const burst: Burst = report.bursts[mode];
			const a = burst.accounting;
			expect(a.offered).toBe(3000);
			expect(a.offered).toBe(a.delivered + a.invalid + a.dropped + a.deadLettered);
			expect(a.pending).toBe(0);
			expect(a.invalid).toBe(30);
			expect(burst.received).toBe(a.delivered);
		}
		expect(report.metrics['integrations.mcp.tool.calls']).toBe(report.tools.steps.length);
	});
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// A promise the caller awaits keeps the process alive until it settles, and so do events still
// queued or awaiting a retry; an idle publisher still lets the process exit (publisher-unref.test.ts,
// reliability/lifecycle.test.ts). Each case is a real child process on the build (`npm run build`),
// as an ES module ending with a top-level await and as CommonJS, with a bus whose own work never
// holds the process (awaited-scenarios.cjs). The child prints its counts when it exits.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const CHILDREN = { esm: fixture('awaited-exit.mjs'), cjs: fixture('awaited-exit.cjs') };

interface Report {
	stats: Record<string, number>;
	busDelivered: number;
	busCalls: number;
	maxInFlight: number;
	deadLetters: string[];
	statuses?: Record<string, number>;
	failedCodes?: string[];
}

interface ChildResult {
	code: number | null;
	settled: boolean;
	report: Report | undefined;
	stderr: string;
	timedOut: boolean;
}

/** Runs one scenario in a child; kills it after 20 s (then `timedOut`). */
function runScenario(kind: keyof typeof CHILDREN, scenario: string): Promise<ChildResult> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [CHILDREN[kind], scenario], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const lines = stdout.trim().split('\n');
			const last = lines.at(-1);
			const report = last?.startsWith('{') ? (JSON.parse(last) as Report) : undefined;
			const settled = lines.includes('settled');
			resolve({ code, settled, report, stderr, timedOut: signal === 'SIGKILL' });
		});
	});
}

const stats = (counts: Partial<Record<string, number>>) => ({
	invalid: 0,
	dropped: 0,
	deadLettered: 0,
	pending: 0,
	...counts,
});

describe.each(['esm', 'cjs'] as const)('%s script', (kind) => {
	beforeAll(() => {
		expect(existsSync(fixture('../../../dist/a2a.cjs')), 'run `npm run build` first').toBe(true);
	});

	async function settledRun(scenario: string): Promise<Report> {
		const result = await runScenario(kind, scenario);
		expect(result.stderr).toBe('');
		expect(result.timedOut, 'the child had to be killed: something kept it alive').toBe(false);
		expect(result.code, 'exit code 13: a top-level await never settled').toBe(0);
		expect(result.settled, 'the awaited promise never settled').toBe(true);
		return result.report as Report;
	}

	it('ending with await flush() after a transient bus failure delivers the event once and exits 0', async () => {
		const report = await settledRun('retry-flush');
		expect(report.stats).toMatchObject(stats({ offered: 1, delivered: 1, retried: 1 }));
		expect(report.busDelivered).toBe(1);
		expect(report.busCalls).toBe(2);
	}, 30_000);

	it('ending with await flush() while the bus keeps failing dead-letters every event and exits 0', async () => {
		const report = await settledRun('dead-letter-flush');
		expect(report.stats).toMatchObject(stats({ offered: 3, delivered: 0, deadLettered: 3 }));
		expect(report.busDelivered).toBe(0);
		expect(report.deadLetters).toEqual(Array(3).fill('transient failure 3'));
	}, 30_000);

	it('ending with await ready() under pressure exits 0 once every queued event is delivered', async () => {
		const report = await settledRun('ready-pressure');
		expect(report.statuses?.backpressure).toBeGreaterThan(0);
		expect(report.stats).toMatchObject(stats({ offered: 50, delivered: 50 }));
		expect(report.busDelivered).toBe(50);
	}, 30_000);

	it('an event waiting for the window timer is delivered before the process exits', async () => {
		const report = await settledRun('window');
		expect(report.stats).toMatchObject(stats({ offered: 2, delivered: 2 }));
		expect(report.busDelivered).toBe(2);
		// The second call started while the first was in flight: the window timer sent it.
		expect(report.maxInFlight).toBe(2);
	}, 30_000);

	it('an emitted event awaiting its retry is delivered before the process exits, with nothing awaited', async () => {
		const report = await settledRun('emit-retry');
		expect(report.stats).toMatchObject(stats({ offered: 1, delivered: 1, retried: 1 }));
		expect(report.busDelivered).toBe(1);
	}, 30_000);

	it('sync mode: ending with await flush() waits for the bus call in flight and exits 0', async () => {
		const report = await settledRun('sync-flush');
		expect(report.stats).toMatchObject(stats({ offered: 1, delivered: 1 }));
		expect(report.busDelivered).toBe(1);
	}, 30_000);

	it('an A2A publishBatch awaited directly fails with ERR_BUS_TIMEOUT when the publish hangs, and exits 0', async () => {
		const report = await settledRun('a2a-timeout');
		expect(report.failedCodes).toEqual(['ERR_BUS_TIMEOUT']);
	}, 30_000);
});

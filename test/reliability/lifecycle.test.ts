import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	type BusAdapter,
	createIntegrationsPublisher,
	type DeadLetterReport,
} from '../../src/index.js';
import { guardProcess } from '../support/guard-process.js';
import { type LocalHttpServer, sendJson, startLocalServer } from '../support/local-http-server.js';
import { type NatsServer, startNatsServer } from '../support/nats-server.js';
import { timeoutForRuns } from '../support/reliability-runs.js';
import { validPayload } from '../support/seq-events.js';

// Lifecycle: idle parts never keep a process alive; close() drains within closeTimeoutMillis and
// dead-letters (ERR_CLOSE_TIMEOUT) exactly what it could not deliver; the documented SIGTERM wiring
// works. The child processes run the build (`npm run build`), as users do.

guardProcess();

const RUNS = Math.max(30, Math.round(Number(process.env.RELIABILITY_RUNS ?? 800) / 8));
/** The property's timeout grows with its runs (about 5 ms a run measured; never under 120 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 5, 120_000);
const FAKE = [
	'setTimeout',
	'clearTimeout',
	'setImmediate',
	'clearImmediate',
	'Date',
	'performance',
];
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

interface ChildResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

/** Runs a fixture; kills it after `limitMillis` (then `timedOut`). `onReady` sees each stdout chunk. */
function runChild(
	file: string,
	args: string[],
	limitMillis: number,
	onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<ChildResult> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			onStdout?.(stdout, child);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), limitMillis);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, timedOut: signal === 'SIGKILL' });
		});
	});
}

describe('idle parts let the process exit by itself', () => {
	let http: LocalHttpServer;
	let nats: NatsServer;
	beforeAll(async () => {
		http = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
		nats = await startNatsServer();
	});
	afterAll(async () => {
		await http?.close();
		await nats?.dispose();
	});

	it('a process with an idle batching publisher (worker pool started), runtime and NATS adapters exits by itself', async () => {
		expect(
			existsSync(fileURLToPath(new URL('../../dist/nats.js', import.meta.url))),
			'run `npm run build` first',
		).toBe(true);
		const result = await runChild(fixture('idle-everything.mjs'), [http.url, nats.url], 20_000);
		expect(result.stderr).toBe('');
		expect(result.timedOut, 'the child had to be killed: something kept it alive').toBe(false);
		expect(result.code).toBe(0);
		// The 11th event went out at once: an idle publisher does not hold an event for the window.
		expect(result.stdout.trim()).toBe('delivered 11 ERR_BUS_DISCONNECTED');
		expect(http.connectionCount).toBe(1);
	}, 30_000);
});

describe('close()', { timeout: RUNS_TIMEOUT }, () => {
	it('SIGTERM wired to close() drains, dead-letters the rest with ERR_CLOSE_TIMEOUT, and the process exits', async () => {
		let signalled = false;
		const result = await runChild(fixture('sigterm-close.mjs'), [], 20_000, (text, child) => {
			if (!signalled && text.includes('ready')) {
				signalled = true;
				setTimeout(() => child.kill('SIGTERM'), 50);
			}
		});
		expect(result.timedOut).toBe(false);
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
			stats: { offered: number; delivered: number; deadLettered: number; pending: number };
			accepted: number;
			codes: string[];
		};
		expect(report.stats.offered).toBe(200);
		expect(report.stats.pending).toBe(0);
		expect(report.stats.delivered + report.stats.deadLettered).toBe(200);
		expect(report.stats.delivered).toBeGreaterThan(0);
		expect(report.stats.deadLettered).toBeGreaterThan(0);
		expect(report.codes).toEqual(['ERR_CLOSE_TIMEOUT']);
		// What the bus accepted late (after the timeout) is a subset the publisher did not count.
		expect(report.accepted).toBeGreaterThanOrEqual(report.stats.delivered);
	}, 30_000);

	it('resolves within closeTimeoutMillis, delivering what the bus takes in time and dead-lettering exactly the rest (property)', async () => {
		vi.useFakeTimers({ toFake: FAKE as never });
		try {
			await fc.assert(
				fc.asyncProperty(
					fc.record({
						events: fc.integer({ min: 0, max: 300 }),
						callMillis: fc.integer({ min: 0, max: 50 }),
						hangAfterCalls: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
						failEvery: fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
						closeTimeoutMillis: fc.integer({ min: 0, max: 2_000 }),
						maxBatchSize: fc.integer({ min: 1, max: 50 }),
					}),
					async (s) => {
						let calls = 0;
						const accepted = new Set<string>();
						const bus: BusAdapter = {
							publishBatch(envelopes) {
								calls++;
								if (s.hangAfterCalls !== undefined && calls > s.hangAfterCalls)
									return new Promise(() => {});
								const fail = s.failEvery !== undefined && calls % s.failEvery === 0;
								return new Promise((resolve, reject) =>
									setTimeout(() => {
										if (fail) return reject(new Error('flaky'));
										for (const envelope of envelopes) accepted.add(envelope.id);
										resolve();
									}, s.callMillis),
								);
							},
						};
						const deadLetters: DeadLetterReport[] = [];
						const publisher = createIntegrationsPublisher({
							bus,
							closeTimeoutMillis: s.closeTimeoutMillis,
							batching: {
								enabled: true,
								maxBatchSize: s.maxBatchSize,
								maxQueueSize: 1_000,
								flushTimeoutMillis: 0,
								retry: { maxRetries: 2, initialDelayMillis: 10, maxDelayMillis: 20 },
							},
							onDeadLetter: (report) => deadLetters.push(report),
						});
						for (let i = 0; i < s.events; i++)
							publisher.dataSynced(validPayload('dataSynced', i) as never);
						const started = Date.now();
						let closedAt: number | undefined;
						const closing = publisher.close().then(() => {
							closedAt = Date.now();
						});
						for (let i = 0; i < 1_000 && closedAt === undefined; i++)
							await vi.advanceTimersByTimeAsync(5);
						await closing;
						expect(closedAt! - started).toBeLessThanOrEqual(s.closeTimeoutMillis + 5);
						const stats = publisher.stats();
						expect(stats).toMatchObject({ offered: s.events, pending: 0 });
						expect(stats.delivered + stats.deadLettered).toBe(s.events);
						expect(deadLetters).toHaveLength(stats.deadLettered);
						const ids = deadLetters.map((r) => r.envelope?.id ?? `unvalidated-${Math.random()}`);
						expect(new Set(ids).size).toBe(ids.length);
						const timedOut = deadLetters.filter(
							(r) => (r.error as { code?: string }).code === 'ERR_CLOSE_TIMEOUT',
						);
						// Given up after its retries: never accepted. Given up at close timeout: its call may
						// still have been in flight, so the bus may have taken it late ("not confirmed").
						for (const report of deadLetters) {
							if (!timedOut.includes(report)) expect(accepted.has(report.envelope!.id)).toBe(false);
						}
						if (timedOut.length > 0) expect(closedAt! - started).toBe(s.closeTimeoutMillis);
						if (s.hangAfterCalls === undefined && s.failEvery === undefined) {
							const needed = Math.ceil(s.events / s.maxBatchSize) * s.callMillis;
							if (needed < s.closeTimeoutMillis / 2) expect(stats.delivered).toBe(s.events);
						}
						await vi.advanceTimersByTimeAsync(1_000);
						expect(publisher.stats()).toEqual(stats); // late bus answers change nothing
					},
				),
				{ numRuns: RUNS },
			);
		} finally {
			vi.useRealTimers();
		}
	});
});

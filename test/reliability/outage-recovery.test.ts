import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	type BusAdapter,
	createInProcessBus,
	createIntegrationsPublisher,
	type DeadLetterReport,
	type IntegrationsEnvelope,
} from '../../src/index.js';
import { guardProcess } from '../support/guard-process.js';
import { recordingLogger } from '../support/recording-logger.js';
import { timeoutForRuns } from '../support/reliability-runs.js';
import { seqOf, TOPIC_KEYS, topicOf, validPayload } from '../support/seq-events.js';
import { settlesWithinSteps } from '../support/settle.js';

// Outage and recovery with fake time: a bus that is down for a while makes the publisher retry
// with exponential backoff and jitter, then dead-letter with the bus's own error as the cause; once
// the bus is back the flow resumes with nothing lost, nothing delivered twice, and per-topic order
// kept. (A real NATS JetStream server restart: test/bus/nats/publish/jetstream-publish.test.ts, "server
// restart mid-stream: nothing acknowledged is lost".)

guardProcess();

const RUNS = Math.max(50, Math.round(Number(process.env.RELIABILITY_RUNS ?? 800) / 4));
/** The property's timeout grows with its runs (about 12 ms a run measured; never under 120 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 12, 120_000);
const FAKE = [
	'setTimeout',
	'clearTimeout',
	'setImmediate',
	'clearImmediate',
	'Date',
	'performance',
];

beforeEach(() => {
	vi.useFakeTimers({ toFake: FAKE as never });
});
afterEach(() => {
	vi.useRealTimers();
});

/** A bus that rejects every call with `cause` while `down`, and forwards to an in-process bus otherwise. */
function createOutageBus() {
	const cause = new Error('connect ECONNREFUSED 127.0.0.1:4222');
	const inner = createInProcessBus();
	const delivered: IntegrationsEnvelope[] = [];
	const counts = new Map<string, number>();
	inner.subscribe('*', (envelope) => {
		delivered.push(envelope);
		counts.set(envelope.id, (counts.get(envelope.id) ?? 0) + 1);
	});
	const calls: { at: number; ids: string[]; ok: boolean }[] = [];
	const state = { down: false };
	const bus: BusAdapter = {
		publishBatch(envelopes) {
			const ok = !state.down;
			calls.push({ at: Date.now(), ids: envelopes.map((e) => e.id), ok });
			if (!ok) return Promise.reject(cause);
			return inner.publishBatch(envelopes);
		},
	};
	return { bus, cause, delivered, counts, calls, state };
}

const emitSeq = (
	publisher: ReturnType<typeof createIntegrationsPublisher>,
	seq: number,
	topic = TOPIC_KEYS[seq % TOPIC_KEYS.length]!,
) => publisher.emit(topicOf(topic), validPayload(topic, seq) as never);

describe('bus outage', { timeout: RUNS_TIMEOUT }, () => {
	it('retries each event maxRetries times with exponential backoff and jitter, then dead-letters it with the bus error as cause', async () => {
		const outage = createOutageBus();
		outage.state.down = true;
		const { logger, lines } = recordingLogger();
		const deadLetters: DeadLetterReport[] = [];
		const retry = { maxRetries: 4, initialDelayMillis: 100, maxDelayMillis: 500 };
		const publisher = createIntegrationsPublisher({
			bus: outage.bus,
			logger,
			batching: { enabled: true, maxBatchSize: 10, retry },
			onDeadLetter: (report) => deadLetters.push(report),
		});
		for (let seq = 1; seq <= 5; seq++) emitSeq(publisher, seq, 'dataSynced');
		expect(await settlesWithinSteps(publisher.flush(), 50, 10_000)).toBe(true);

		const attempts = outage.calls.filter((call) => call.ids.length > 0);
		expect(attempts).toHaveLength(retry.maxRetries + 1);
		for (const call of attempts) expect(call.ids).toEqual(attempts[0]?.ids);
		for (let n = 1; n <= retry.maxRetries; n++) {
			const gap = attempts[n]!.at - attempts[n - 1]!.at;
			const ceiling = Math.min(retry.maxDelayMillis, retry.initialDelayMillis * 2 ** (n - 1));
			expect(gap, `backoff before retry ${n}`).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
			expect(gap, `backoff before retry ${n}`).toBeLessThanOrEqual(ceiling + 1);
		}
		expect(publisher.stats()).toMatchObject({
			offered: 5,
			deadLettered: 5,
			delivered: 0,
			pending: 0,
		});
		expect(publisher.stats().retried).toBe(5 * retry.maxRetries);
		for (const report of deadLetters) {
			expect(report.error).toBe(outage.cause);
			expect(report.attempts).toBe(retry.maxRetries + 1);
			expect(report.envelope?.type).toBe('integrations.data.synced');
		}
		const failing = lines.filter((l) => l.msg.includes('bus publish failing'));
		expect(failing.filter((l) => l.fields.episode === 'start')).toHaveLength(1);
		await publisher.close();
	});

	it('resumes once the bus is back: every event of a 2 s outage is delivered once, in per-topic order, none dead-lettered', async () => {
		const outage = createOutageBus();
		const deadLetters: DeadLetterReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: outage.bus,
			batching: {
				enabled: true,
				maxBatchSize: 20,
				maxQueueSize: 5_000,
				// Minimum backoff budget: 25+50+100+200+400+500+500+500 ms > the 2 s outage.
				retry: { maxRetries: 8, initialDelayMillis: 50, maxDelayMillis: 1_000 },
			},
			onDeadLetter: (report) => deadLetters.push(report),
		});
		let seq = 0;
		const tick = async (millis: number) => {
			for (let t = 0; t < millis; t += 10) {
				emitSeq(publisher, ++seq);
				await vi.advanceTimersByTimeAsync(10);
			}
		};
		await tick(500);
		outage.state.down = true;
		const outageStart = Date.now();
		await tick(2_000);
		outage.state.down = false;
		const outageEnd = Date.now();
		await tick(1_000);
		expect(await settlesWithinSteps(publisher.close(), 50, 10_000)).toBe(true);

		expect(publisher.stats()).toMatchObject({
			offered: seq,
			delivered: seq,
			deadLettered: 0,
			dropped: 0,
			pending: 0,
		});
		expect(deadLetters).toEqual([]);
		expect(outage.delivered).toHaveLength(seq);
		expect([...outage.counts.values()].every((n) => n === 1)).toBe(true);
		for (const topic of TOPIC_KEYS) {
			const seqs = outage.delivered.filter((e) => e.type === topicOf(topic)).map(seqOf);
			expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		}
		expect(outage.calls.some((c) => !c.ok && c.at >= outageStart && c.at < outageEnd)).toBe(true);
		const firstOkAfter = outage.calls.find((c) => c.ok && c.at >= outageEnd);
		expect(firstOkAfter, 'flow resumes after the outage').toBeDefined();
		expect(firstOkAfter!.at - outageEnd).toBeLessThanOrEqual(1_000);
	});

	it('after an outage longer than the retries, the next events flow again (the publisher is not wedged)', async () => {
		const outage = createOutageBus();
		const deadLetters: DeadLetterReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: outage.bus,
			batching: {
				enabled: true,
				maxQueueSize: 200,
				retry: { maxRetries: 2, initialDelayMillis: 20, maxDelayMillis: 40 },
			},
			onDeadLetter: (report) => deadLetters.push(report),
		});
		outage.state.down = true;
		for (let seq = 1; seq <= 50; seq++) emitSeq(publisher, seq);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(publisher.stats()).toMatchObject({ deadLettered: 50, pending: 0 });
		expect(await publisher.ready()).toBeUndefined();
		outage.state.down = false;
		for (let seq = 51; seq <= 100; seq++) emitSeq(publisher, seq);
		expect(await settlesWithinSteps(publisher.flush(), 50, 10_000)).toBe(true);
		expect(publisher.stats()).toMatchObject({ offered: 100, delivered: 50, deadLettered: 50 });
		expect(outage.delivered.map(seqOf).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 50 }, (_, i) => 51 + i),
		);
		expect(deadLetters.every((r) => r.error === outage.cause)).toBe(true);
		await publisher.close();
	});

	it('random outages (property): exact accounting, once, in order; dead letters carry the cause after every retry; what follows the outage is delivered', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					outageStart: fc.integer({ min: 0, max: 500 }),
					outageMillis: fc.integer({ min: 0, max: 3_000 }),
					maxRetries: fc.integer({ min: 0, max: 6 }),
					initialDelayMillis: fc.integer({ min: 1, max: 200 }),
					capFactor: fc.integer({ min: 1, max: 8 }),
					maxBatchSize: fc.integer({ min: 1, max: 30 }),
					maxDelayMillis: fc.integer({ min: 0, max: 30 }),
					emitEveryMillis: fc.integer({ min: 1, max: 40 }),
					totalMillis: fc.integer({ min: 100, max: 4_000 }),
				}),
				async (s) => {
					const outage = createOutageBus();
					const deadLetters: DeadLetterReport[] = [];
					const retry = {
						maxRetries: s.maxRetries,
						initialDelayMillis: s.initialDelayMillis,
						maxDelayMillis: s.initialDelayMillis * s.capFactor,
					};
					const publisher = createIntegrationsPublisher({
						bus: outage.bus,
						batching: {
							enabled: true,
							maxBatchSize: s.maxBatchSize,
							maxDelayMillis: s.maxDelayMillis,
							maxQueueSize: 100_000,
							retry,
						},
						onDeadLetter: (report) => deadLetters.push(report),
					});
					// The outage switches on and off on timers made before any of the publisher's, so at
					// equal times it switches first.
					const start = Date.now();
					const outageEnd = s.outageStart + s.outageMillis;
					setTimeout(() => {
						outage.state.down = s.outageMillis > 0;
					}, s.outageStart);
					setTimeout(() => {
						outage.state.down = false;
					}, outageEnd);
					let seq = 0;
					let firstAfterOutage = Number.POSITIVE_INFINITY;
					for (let t = 0; t < s.totalMillis; t += s.emitEveryMillis) {
						if (Date.now() - start >= outageEnd && firstAfterOutage === Number.POSITIVE_INFINITY)
							firstAfterOutage = seq + 1;
						emitSeq(publisher, ++seq);
						await vi.advanceTimersByTimeAsync(s.emitEveryMillis);
					}
					await vi.advanceTimersByTimeAsync(Math.max(0, outageEnd - (Date.now() - start)));
					expect(await settlesWithinSteps(publisher.close(), 50, 10_000)).toBe(true);

					const stats = publisher.stats();
					expect(stats.offered).toBe(seq);
					expect(stats.delivered + stats.deadLettered).toBe(seq);
					expect(stats.pending).toBe(0);
					expect(outage.delivered).toHaveLength(stats.delivered);
					expect([...outage.counts.values()].every((n) => n === 1)).toBe(true);
					for (const report of deadLetters) {
						expect(report.error).toBe(outage.cause);
						expect(report.attempts).toBe(s.maxRetries + 1);
					}
					for (const topic of TOPIC_KEYS) {
						const seqs = outage.delivered.filter((e) => e.type === topicOf(topic)).map(seqOf);
						expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
					}
					const deadSeqs = new Set(deadLetters.map((r) => seqOf(r.envelope!)));
					for (const dead of deadSeqs) expect(dead).toBeLessThan(firstAfterOutage);
					let budget = 0;
					for (let n = 1; n <= s.maxRetries; n++)
						budget += Math.floor(
							Math.min(retry.maxDelayMillis, retry.initialDelayMillis * 2 ** (n - 1)) / 2,
						);
					if (s.outageMillis < budget) expect(stats.deadLettered).toBe(0);
				},
			),
			{ numRuns: RUNS },
		);
	});
});

import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	type BusAdapter,
	createIntegrationsPublisher,
	type DroppedEventReport,
	type EventPriority,
	type OverflowPolicy,
	type PublisherOptions,
} from '../../src/index.js';
import { guardProcess } from '../support/guard-process.js';
import { recordingLogger } from '../support/recording-logger.js';
import { seqOf, validPayload } from '../support/seq-events.js';
import { fulfilsWithinSteps } from '../support/settle.js';

// Overload: offers arrive at 10× what the bus can take, for a fixed duration. Drops are exact and
// follow the policy, the drop alert fires once per episode, `high` events keep their idle latency
// within 2× (in fake time, so the bound is exact rather than noisy), and the heap stays bounded by
// maxQueueSize instead of growing with the number of events offered.

guardProcess();

const FAKE = [
	'setTimeout',
	'clearTimeout',
	'setImmediate',
	'clearImmediate',
	'Date',
	'performance',
];

afterEach(() => {
	vi.useRealTimers();
});

/** A healthy bus that takes `callMillis` per call (so capacity = maxBatchSize / callMillis). */
function createSlowBus(callMillis: number) {
	const calls: { at: number; seqs: number[]; priorities: string[] }[] = [];
	const deliveredAt = new Map<number, number>();
	const priorityOf = new Map<number, string>();
	const bus: BusAdapter = {
		publishBatch(envelopes) {
			const seqs = envelopes.map(seqOf);
			calls.push({ at: Date.now(), seqs, priorities: seqs.map((s) => priorityOf.get(s) ?? '?') });
			return new Promise((resolve) =>
				setTimeout(() => {
					for (const seq of seqs) deliveredAt.set(seq, Date.now());
					resolve();
				}, callMillis),
			);
		},
	};
	return { bus, calls, deliveredAt, priorityOf };
}

const BATCH = 10;
const CALL_MILLIS = 10; // capacity: 1 event per ms
const OFFERS_PER_MILLI = 10; // 10× capacity
const DURATION_MILLIS = 2_000;
const MAX_QUEUE = 500;

/** The emit sequence number of a dataSynced payload (`validPayload` puts it in recordsProcessed). */
const payloadSeq = (input: unknown) => (input as { recordsProcessed: number }).recordsProcessed;

describe('sustained 10× overload', () => {
	it.each(['drop-newest', 'drop-oldest', 'reject'] as const)(
		'%s: drops exactly what the policy says, bounds the queue, and alerts once per episode',
		async (overflow: OverflowPolicy) => {
			vi.useFakeTimers({ toFake: FAKE as never });
			const slow = createSlowBus(CALL_MILLIS);
			const { logger, lines } = recordingLogger();
			const drops: { report: DroppedEventReport; during: number; sentBefore: number }[] = [];
			let current = 0;
			const publisher = createIntegrationsPublisher({
				bus: slow.bus,
				logger,
				// 'auto' validation with one worker thread pulls up to 2 batches ahead of the bus.
				batching: {
					enabled: true,
					maxBatchSize: BATCH,
					maxQueueSize: MAX_QUEUE,
					overflow,
					workers: 1,
				},
				onDrop: (report) =>
					drops.push({
						report,
						during: current,
						sentBefore: slow.calls.reduce((n, c) => n + c.seqs.length, 0),
					}),
			});
			let seq = 0;
			const statuses = { accepted: 0, backpressure: 0, dropped: 0, rejected: 0 };
			let maxPending = 0;
			for (let t = 0; t < DURATION_MILLIS; t++) {
				for (let k = 0; k < OFFERS_PER_MILLI; k++) {
					current = ++seq;
					const payload = validPayload('dataSynced', seq);
					try {
						const status = publisher.dataSynced(payload as never);
						statuses[status]++;
						if (status === 'dropped') {
							// drop-newest: the incoming event itself was dropped and reported.
							// (as captured at emit: a copy equal to the payload)
							expect(drops.at(-1)?.report.input).toEqual(payload);
						}
					} catch (error) {
						expect(error).toMatchObject({ code: 'ERR_QUEUE_FULL', maxQueueSize: MAX_QUEUE });
						statuses.rejected++;
					}
					maxPending = Math.max(maxPending, publisher.stats().pending);
				}
				await vi.advanceTimersByTimeAsync(1);
			}
			expect(await fulfilsWithinSteps(publisher.close(), 10, 100_000)).toBe(true);

			const stats = publisher.stats();
			const delivered = slow.calls.flatMap((c) => c.seqs);
			expect(stats.offered).toBe(seq);
			expect(stats.delivered + stats.dropped).toBe(seq);
			expect(delivered).toHaveLength(stats.delivered);
			expect(new Set(delivered).size).toBe(delivered.length);
			// Capacity is 1 event/ms: about 90 % must have been dropped, and counted exactly.
			const capacity = DURATION_MILLIS + MAX_QUEUE + 4 * BATCH;
			expect(stats.delivered).toBeLessThanOrEqual(capacity);
			expect(stats.dropped).toBeGreaterThanOrEqual(seq - capacity);
			// maxQueueSize bounds what waits; batches being validated, sent or settled come on top.
			expect(maxPending).toBeLessThanOrEqual(MAX_QUEUE + 4 * BATCH);
			const droppedSeqs = drops.map((d) => payloadSeq(d.report.input));
			expect(droppedSeqs.filter((s) => delivered.includes(s))).toEqual([]);
			if (overflow === 'drop-newest') {
				expect(statuses.dropped).toBe(stats.dropped);
				expect(drops.every((d) => d.report.reason === 'queue_full')).toBe(true);
				expect(droppedSeqs).toEqual(drops.map((d) => d.during));
			}
			if (overflow === 'drop-oldest') {
				expect(statuses.dropped).toBe(0);
				expect(drops).toHaveLength(stats.dropped);
				// The oldest queued event went: whatever older event was delivered instead had already
				// left the queue (sent, or in one of the 1 + 2 batches pulled ahead of the bus).
				const sentIndex = new Map(delivered.map((s, i) => [s, i]));
				for (const drop of drops) {
					const dropped = payloadSeq(drop.report.input);
					expect(dropped).toBeLessThan(drop.during);
					for (let older = dropped - 1; older > dropped - 50 && older > 0; older--) {
						const index = sentIndex.get(older);
						if (index !== undefined) expect(index).toBeLessThan(drop.sentBefore + 3 * BATCH);
					}
				}
			}
			if (overflow === 'reject') {
				expect(statuses.rejected).toBe(stats.dropped);
				expect(drops).toEqual([]);
			}
			const episodes = lines.filter((l) => l.msg.startsWith('integrations publisher dropping'));
			expect(episodes.filter((l) => l.fields.episode === 'start')).toHaveLength(1);
			expect(episodes.filter((l) => l.fields.episode === 'end')).toHaveLength(1);
		},
		60_000,
	);

	it('keeps high priority within 2× its idle latency and never drops it, while normal and low flood the queue', async () => {
		vi.useFakeTimers({ toFake: FAKE as never });
		const slow = createSlowBus(CALL_MILLIS);
		const dropped: DroppedEventReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: {
				enabled: true,
				maxBatchSize: BATCH,
				maxQueueSize: MAX_QUEUE,
				// The default 'auto': parsed objects validate inline, so nothing is pulled ahead.
			},
			onDrop: (report) => dropped.push(report),
		});
		let seq = 0;
		const emit = (priority: EventPriority) => {
			seq++;
			slow.priorityOf.set(seq, priority);
			publisher.dataSynced(validPayload('dataSynced', seq) as never, { priority });
			return seq;
		};
		// Idle latency of a high event: emit into the idle publisher, wait for its delivery.
		const idleSeq = emit('high');
		const idleAt = Date.now();
		expect(await fulfilsWithinSteps(publisher.flush(), 10, 100_000)).toBe(true);
		const idleLatency = slow.deliveredAt.get(idleSeq)! - idleAt;
		expect(idleLatency).toBeGreaterThanOrEqual(CALL_MILLIS);

		const highs: { seq: number; at: number }[] = [];
		for (let t = 0; t < DURATION_MILLIS; t++) {
			for (let k = 0; k < OFFERS_PER_MILLI; k++) emit(k % 2 ? 'normal' : 'low');
			if (t % 7 === 3) highs.push({ seq: emit('high'), at: Date.now() });
			await vi.advanceTimersByTimeAsync(1);
		}
		expect(await fulfilsWithinSteps(publisher.close(), 10, 100_000)).toBe(true);

		expect(dropped.length).toBeGreaterThan(seq / 2);
		expect(dropped.every((d) => d.priority !== 'high')).toBe(true);
		for (const high of highs) {
			const latency = slow.deliveredAt.get(high.seq)! - high.at;
			// 2× idle, plus the 1 ms tick of the fake clock on which the drain may resume.
			expect(latency, `high event ${high.seq}`).toBeLessThanOrEqual(2 * idleLatency + 1);
		}
		// Logically: every call made after a high event was offered carries it first.
		for (const high of highs) {
			const next = slow.calls.find((c) => c.at >= high.at);
			expect(next?.priorities[0]).toBe('high');
		}
	}, 60_000);

	it('bounds the heap by maxQueueSize, not by the number of events offered (real time, heap measured after GC)', async () => {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc') as () => void;
		const maxQueueSize = 10_000;
		const bus: BusAdapter = {
			publishBatch: () => new Promise((resolve) => setTimeout(resolve, 5)),
		};
		// Capacity: 100 events / 5 ms = 20k events/s; offered: 200k events/s for 1.5 s.
		const options: PublisherOptions = {
			bus,
			batching: { enabled: true, maxBatchSize: 100, maxQueueSize, overflow: 'drop-oldest' },
		};
		const publisher = createIntegrationsPublisher(options);
		const payload = (n: number) => ({
			...validPayload('webhookReceived', n),
			source: `github-${n}-${'s'.repeat(200)}`,
			event: `push-${n}-${'e'.repeat(200)}`,
		});
		gc();
		const baseline = process.memoryUsage().heapUsed;
		// Measure what maxQueueSize events retain, to express the bound in queue sizes.
		const probe = Array.from({ length: maxQueueSize }, (_, i) => payload(i));
		gc();
		const perQueue = Math.max(1, process.memoryUsage().heapUsed - baseline);
		probe.length = 0;
		gc();
		const start = Date.now();
		let seq = 0;
		let peak = 0;
		let nextSample = start;
		while (Date.now() - start < 1_500) {
			const due = Math.floor(((Date.now() - start) * 200_000) / 1_000);
			while (seq < due) publisher.webhookReceived(payload(++seq) as never);
			if (Date.now() >= nextSample) {
				gc();
				peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
				nextSample = Date.now() + 100;
			}
			await new Promise((resolve) => setImmediate(resolve));
		}
		await publisher.close();
		const stats = publisher.stats();
		expect(seq).toBeGreaterThan(100_000);
		expect(stats.offered).toBe(seq);
		expect(stats.delivered + stats.dropped).toBe(seq);
		expect(stats.dropped).toBeGreaterThan(seq / 2);
		// Generous: the queue's own share, several times over, plus a fixed allowance. Everything
		// offered would be ~(seq / maxQueueSize) = 30× the queue's share.
		expect(peak, `peak ${peak} B, one full queue ${perQueue} B`).toBeLessThan(
			4 * perQueue + 32 * 1024 * 1024,
		);
	}, 60_000);
});

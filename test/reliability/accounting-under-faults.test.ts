import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createIntegrationsPublisher,
	type DeadLetterReport,
	type IntegrationsEnvelope,
	type OverflowPolicy,
	type PublisherOptions,
	type ValidationMode,
} from '../../src/index.js';
import { createCrashyPool } from '../support/crashy-pool.js';
import { createFaultBus, type FaultPlan } from '../support/fault-bus.js';
import { guardProcess } from '../support/guard-process.js';
import { timeoutForRuns } from '../support/reliability-runs.js';
import {
	expectedValid,
	hostileInvalidPayload,
	hostileValidPayload,
	pollutingRawBody,
	seqOf,
	TOPIC_KEYS,
	type TopicKey,
	topicOf,
	validPayload,
} from '../support/seq-events.js';
import { settlementWithinSteps } from '../support/settle.js';

// Property: whatever the mix of events, faults and close time, after close() resolves
//   offered = delivered + invalid + dropped + deadLettered   (exactly, pending = 0),
// the hooks saw exactly the counted events, nothing reached the in-process bus twice, no invalid
// event was delivered and no valid one reported invalid, and the documented per-topic order held.
// Time is fake (vi.useFakeTimers), so the bus latency, backoffs and timeouts cost no wall time.
// RELIABILITY_RUNS scales every property test of this suite (10000+ for a local soak).

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 800);
/** The property's timeout grows with its runs (about 12 ms a run measured; never under 240 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 12, 240_000);
const FAKE = [
	'setTimeout',
	'clearTimeout',
	'setImmediate',
	'clearImmediate',
	'Date',
	'performance',
];

guardProcess();
afterEach(() => {
	vi.useRealTimers();
});

const VARIANTS = [
	'valid',
	'valid',
	'valid',
	'invalid',
	'hostile-valid',
	'hostile-invalid',
	'raw',
	'raw-bytes',
	'raw-polluting',
	'raw-bad-json',
	'raw-bad-utf8',
	'unknown-topic',
] as const;
type Variant = (typeof VARIANTS)[number];

const emitOp = fc.record({
	kind: fc.constant('emit' as const),
	topic: fc.constantFrom(...TOPIC_KEYS),
	variant: fc.constantFrom(...VARIANTS),
	priority: fc.constantFrom('high' as const, 'normal' as const, 'low' as const, undefined),
});
const operation = fc.oneof(
	{ weight: 12, arbitrary: emitOp },
	{
		weight: 2,
		arbitrary: fc.record({ kind: fc.constant('advance' as const), millis: fc.nat(40) }),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('flush' as const) }) },
);

const faults = fc.record({
	seed: fc.integer(),
	itemFailureRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
	batchFailureRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
	throwRate: fc.constantFrom(0, 0, 0.05),
	hangRate: fc.constantFrom(0, 0, 0.05),
	maxLatencyMillis: fc.constantFrom(0, 1, 5, 30),
	failRest: fc.boolean(),
});

const scenario = fc.record({
	operations: fc.array(operation, { minLength: 1, maxLength: 250, size: 'large' }),
	/** Where close() is called, as a fraction of the operations (undefined: after the last one). */
	closeAt: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
	faults,
	/** Strict: maxConcurrentFlushes 1, preserveTopicOrder, and a bus that fails whole batches or the rest of a batch. */
	strict: fc.boolean(),
	maxBatchSize: fc.integer({ min: 1, max: 16 }),
	extraQueue: fc.integer({ min: 0, max: 60 }),
	maxDelayMillis: fc.integer({ min: 0, max: 20 }),
	overflow: fc.constantFrom<OverflowPolicy>('drop-newest', 'drop-oldest', 'reject'),
	maxConcurrentFlushes: fc.integer({ min: 1, max: 3 }),
	preserveTopicOrder: fc.boolean(),
	maxRetries: fc.integer({ min: 0, max: 4 }),
	initialDelayMillis: fc.integer({ min: 1, max: 40 }),
	flushTimeoutMillis: fc.constantFrom(50, 200),
	closeTimeoutMillis: fc.constantFrom(0, 20, 150, 1_000, 60_000, 60_000, 60_000),
	validation: fc.constantFrom<ValidationMode>('inline', 'worker', 'auto'),
	crashRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
	minRawBodyBytes: fc.constantFrom(0, 150, 100_000),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Offer {
	readonly seq: number;
	readonly topic: string;
	readonly priority: string;
	readonly valid: boolean;
}

function makeInput(topic: TopicKey, variant: Variant, seq: number) {
	switch (variant) {
		case 'valid':
			return { topic: topicOf(topic) as string, input: validPayload(topic, seq), raw: false };
		case 'invalid':
			return {
				topic: topicOf(topic) as string,
				input: { ...validPayload(topic, seq), integrationId: seq },
				raw: false,
			};
		case 'hostile-valid':
			return {
				topic: topicOf(topic) as string,
				input: hostileValidPayload(topic, seq),
				raw: false,
			};
		case 'hostile-invalid':
			return {
				topic: topicOf(topic) as string,
				input: hostileInvalidPayload(topic, seq),
				raw: false,
			};
		case 'raw':
			return { topic: topicOf(topic), input: JSON.stringify(validPayload(topic, seq)), raw: true };
		case 'raw-bytes':
			return {
				topic: topicOf(topic),
				input: new TextEncoder().encode(JSON.stringify(validPayload(topic, seq))),
				raw: true,
			};
		case 'raw-polluting':
			return { topic: topicOf(topic), input: pollutingRawBody(topic, seq), raw: true };
		case 'raw-bad-json':
			return { topic: topicOf(topic), input: `{"integrationId":"i${seq}",`, raw: true };
		case 'raw-bad-utf8':
			return {
				topic: topicOf(topic),
				input: Uint8Array.of(0x7b, 0xc3, 0x28, seq & 0x7f),
				raw: true,
			};
		case 'unknown-topic':
			return { topic: 'integrations.bogus', input: validPayload(topic, seq), raw: false };
	}
}

const lenientUtf8 = new TextDecoder();

/**
 * What identifies an offered input in an `onInvalid` report: an object itself; a body by its text
 * (batching reports the text it took at emit when the body is found invalid later).
 */
function reportKey(input: unknown): unknown {
	if (input instanceof Uint8Array) return `text:${lenientUtf8.decode(input)}`;
	return typeof input === 'string' ? `text:${input}` : input;
}

function publisherOptions(s: Scenario, pool: ReturnType<typeof createCrashyPool>) {
	return {
		closeTimeoutMillis: s.closeTimeoutMillis,
		batching: {
			enabled: true,
			maxBatchSize: s.maxBatchSize,
			maxQueueSize: s.maxBatchSize + s.extraQueue,
			maxDelayMillis: s.maxDelayMillis,
			overflow: s.overflow,
			maxConcurrentFlushes: s.strict ? 1 : s.maxConcurrentFlushes,
			preserveTopicOrder: s.strict ? true : s.preserveTopicOrder,
			flushTimeoutMillis: s.flushTimeoutMillis,
			retry: {
				maxRetries: s.maxRetries,
				initialDelayMillis: s.initialDelayMillis,
				maxDelayMillis: 4 * s.initialDelayMillis,
			},
			validation: s.validation,
			workers: { pool: pool.pool, minRawBodyBytes: s.minRawBodyBytes },
		},
	} satisfies Omit<PublisherOptions, 'bus'>;
}

/** Per (topic, priority), the sequence numbers in the order the list has them. */
function seqsByStream(envelopes: readonly IntegrationsEnvelope[], offers: Map<number, Offer>) {
	const streams = new Map<string, number[]>();
	for (const envelope of envelopes) {
		const seq = seqOf(envelope);
		const offer = offers.get(seq);
		const key = `${envelope.type}/${offer?.priority}`;
		const list = streams.get(key) ?? [];
		list.push(seq);
		streams.set(key, list);
	}
	return streams;
}

const isIncreasing = (list: readonly number[]) => list.every((v, i) => i === 0 || list[i - 1]! < v);

const totals: Record<string, number> = {};
function addTotals(values: Record<string, number>): void {
	for (const [key, value] of Object.entries(values)) totals[key] = (totals[key] ?? 0) + value;
}

async function runScenario(s: Scenario): Promise<void> {
	const plan: FaultPlan = s.strict
		? {
				...s.faults,
				itemFailureRate: s.faults.failRest ? s.faults.itemFailureRate : 0,
				failRest: true,
			}
		: s.faults;
	const fault = createFaultBus(plan);
	const pool = createCrashyPool({
		seed: s.faults.seed ^ 0x5bd1e995,
		crashRate: s.crashRate,
		maxLatencyMillis: 3,
	});
	const seen = { invalid: [] as unknown[], dropped: 0, deadLetters: [] as DeadLetterReport[] };
	const publisher = createIntegrationsPublisher({
		bus: fault.bus,
		...publisherOptions(s, pool),
		onInvalid: (report) => seen.invalid.push(report.input),
		onDrop: () => seen.dropped++,
		onDeadLetter: (report) => seen.deadLetters.push(report),
	});
	const offers = new Map<number, Offer>();
	const expectations = new Map<unknown, boolean>();
	let rejected = 0;
	let refusedAfterClose = 0;
	let closing: Promise<void> | undefined;
	let seq = 0;
	const closeIndex =
		s.closeAt === undefined ? -1 : Math.floor(s.closeAt * (s.operations.length - 1));
	for (const [index, op] of s.operations.entries()) {
		if (index === closeIndex) {
			closing = publisher.close();
			closing.then(() => fault.seal());
		}
		if (op.kind === 'advance') await vi.advanceTimersByTimeAsync(op.millis);
		else if (op.kind === 'flush') void publisher.flush();
		else {
			seq++;
			const { topic, input, raw } = makeInput(op.topic, op.variant, seq);
			const valid = expectedValid(topic, input, raw);
			expectations.set(reportKey(input), valid);
			const options = op.priority === undefined ? undefined : { priority: op.priority };
			try {
				if (raw) publisher.emitRaw(topic as never, input as string, options);
				else publisher.emit(topic as never, input as never, options);
				offers.set(seq, { seq, topic, priority: op.priority ?? 'normal', valid });
			} catch (error) {
				const code = (error as { code?: string }).code;
				if (code === 'ERR_PUBLISHER_CLOSED') refusedAfterClose++;
				else {
					expect(code).toBe('ERR_QUEUE_FULL');
					offers.set(seq, { seq, topic, priority: op.priority ?? 'normal', valid });
					rejected++;
				}
			}
		}
	}
	closing ??= publisher.close();
	closing.then(() => fault.seal());
	const closed = await settlementWithinSteps(closing, 25, 20_000);
	expect(closed, 'close() settles').toEqual({ done: true, failure: undefined });
	await vi.advanceTimersByTimeAsync(1_000); // late bus answers must change nothing

	const stats = publisher.stats();
	const deadIds = new Set(seen.deadLetters.flatMap((r) => (r.envelope ? [r.envelope.id] : [])));
	// 1. The accounting invariant, exactly.
	expect(stats.offered).toBe(offers.size);
	expect(stats.offered + refusedAfterClose).toBe(seq);
	expect(stats.delivered + stats.invalid + stats.dropped + stats.deadLettered).toBe(stats.offered);
	expect(stats.pending).toBe(0);
	// 2. The hooks saw exactly what was counted.
	expect(seen.invalid).toHaveLength(stats.invalid);
	expect(seen.dropped).toBe(stats.dropped - rejected);
	expect(seen.deadLetters).toHaveLength(stats.deadLettered);
	// 3. Validation judged each event as the schemas do; bad neighbours never sank a valid event.
	for (const input of seen.invalid) expect(expectations.get(reportKey(input))).toBe(false);
	for (const envelope of fault.delivered) {
		expect(offers.get(seqOf(envelope))?.valid).toBe(true);
		expect(Object.keys(envelope.data as object)).not.toContain('self');
	}
	if (stats.dropped === 0 && stats.deadLettered === 0) {
		const validCount = [...offers.values()].filter((o) => o.valid).length;
		expect(stats.delivered).toBe(validCount);
		expect(stats.invalid).toBe(offers.size - validCount);
	}
	// 4. Delivered once: what the in-process bus got is exactly what the publisher counted.
	expect([...fault.deliveries.values()].every((n) => n === 1)).toBe(true);
	expect(fault.delivered).toHaveLength(stats.delivered);
	for (const envelope of fault.delivered) expect(deadIds.has(envelope.id)).toBe(false);
	// 5. Order: per topic and priority, first sends follow emit order; strict mode: deliveries too.
	for (const list of seqsByStream(fault.firstSent, offers).values())
		expect(isIncreasing(list)).toBe(true);
	if (s.strict) {
		for (const list of seqsByStream(fault.delivered, offers).values())
			expect(isIncreasing(list)).toBe(true);
	}
	// RELIABILITY_DEBUG=1 prints how much each fault was exercised over all runs.
	if (process.env.RELIABILITY_DEBUG) {
		const codes = seen.deadLetters.map((r) => (r.error as { code?: string }).code);
		addTotals({
			...stats,
			workerCrashes: pool.counts.crashes,
			uncloneable: pool.counts.cloneErrors,
			hungCalls: fault.stats.hung,
			rejectedBatches: fault.stats.rejected,
			closeTimeouts: codes.filter((code) => code === 'ERR_CLOSE_TIMEOUT').length,
			flushTimeouts: codes.filter((code) => code === 'ERR_FLUSH_TIMEOUT').length,
			refusedAfterClose,
			strictRuns: s.strict ? 1 : 0,
			runs: 1,
		});
	}
	// 6. No prototype was polluted by `__proto__` / `constructor` keys.
	expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
}

describe('accounting under faults (property)', { timeout: RUNS_TIMEOUT }, () => {
	it('offered = delivered + invalid + dropped + deadLettered, each delivered once, in documented order, under random faults, worker crashes and close times', async () => {
		vi.useFakeTimers({ toFake: FAKE as never });
		await fc.assert(fc.asyncProperty(scenario, runScenario), { numRuns: RUNS });
		if (process.env.RELIABILITY_DEBUG) console.log(totals);
	});
});

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTinypoolPool } from '../../../src/dispatch/validation/worker/validation-pool.js';
import {
	type BusAdapter,
	type BusItemFailure,
	createIntegrationsPublisher,
	type OverflowPolicy,
} from '../../../src/index.js';
import {
	apiCalledEvent,
	dataSyncedEvent,
	invalidDataSynced,
} from '../../support/event-payloads.js';
import { timeoutForRuns } from '../../support/reliability-runs.js';
import { seededRandom } from '../../support/seeded-random.js';

// Property: after close(), offered = delivered + invalid + dropped + deadLettered, under any mix of
// faults, sizes, priorities and close times; hooks see exactly the counted events; a bus that
// never hangs receives each delivered event exactly once. Runs: RELIABILITY_RUNS (default 200).
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 200);
/** The property's timeout grows with its runs (about 8 ms a run measured; never under 120 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 8, 120_000);

// One worker pool for every run that validates raw bodies on workers (never closed by publishers).
const pool = await createTinypoolPool({ maxThreads: 1 });
afterAll(() => pool.destroy?.());

interface Chaos {
	readonly seed: number;
	readonly throwRate: number;
	readonly batchFailureRate: number;
	readonly itemFailureRate: number;
	readonly hangRate: number;
	readonly maxDelayMillis: number;
}

/** A bus that throws, rejects, fails items, answers late or never, at seeded random. */
function createChaosBus(chaos: Chaos) {
	const random = seededRandom(chaos.seed);
	const accepted = new Map<string, number>();
	const bus: BusAdapter = {
		publishBatch(envelopes) {
			if (random() < chaos.throwRate) throw new Error('sync throw');
			const hang = random() < chaos.hangRate;
			const rejectAll = random() < chaos.batchFailureRate;
			const failed: BusItemFailure[] = [];
			envelopes.forEach((envelope, index) => {
				if (random() < chaos.itemFailureRate) failed.push({ index, error: new Error('item') });
				else if (!hang && !rejectAll)
					accepted.set(envelope.id, (accepted.get(envelope.id) ?? 0) + 1);
			});
			const delay = random() * chaos.maxDelayMillis;
			return new Promise((resolve, reject) => {
				if (hang) return;
				setTimeout(() => {
					if (rejectAll) reject(new Error('batch'));
					else resolve(failed.length > 0 ? { failed } : undefined);
				}, delay);
			});
		},
	};
	return { bus, accepted };
}

const operation = fc.oneof(
	fc.record({
		kind: fc.constant('emit' as const),
		topic: fc.constantFrom('synced', 'api'),
		valid: fc.boolean(),
		raw: fc.boolean(),
		priority: fc.constantFrom('high', 'normal', 'low', undefined),
	}),
	fc.record({ kind: fc.constant('flush' as const) }),
	fc.record({ kind: fc.constant('pause' as const), millis: fc.integer({ min: 0, max: 3 }) }),
);

const scenario = fc.record({
	operations: fc.array(operation, { minLength: 1, maxLength: 120 }),
	maxBatchSize: fc.integer({ min: 1, max: 8 }),
	extraQueue: fc.integer({ min: 0, max: 40 }),
	overflow: fc.constantFrom<OverflowPolicy>('drop-newest', 'drop-oldest', 'reject'),
	maxConcurrentFlushes: fc.integer({ min: 1, max: 3 }),
	maxRetries: fc.integer({ min: 0, max: 3 }),
	preserveTopicOrder: fc.boolean(),
	validation: fc.constantFrom('inline' as const, 'inline' as const, 'auto' as const),
	chaos: fc.record({
		seed: fc.integer(),
		throwRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
		batchFailureRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
		itemFailureRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
		hangRate: fc.constantFrom(0, 0, 0.1),
		maxDelayMillis: fc.integer({ min: 0, max: 3 }),
	}),
	closeTimeoutMillis: fc.constantFrom(0, 5, 50, 1_000),
});

describe('accounting invariant', { timeout: RUNS_TIMEOUT }, () => {
	it('offered = delivered + invalid + dropped + deadLettered after close(), under any faults', async () => {
		await fc.assert(
			fc.asyncProperty(scenario, async (s) => {
				const chaos = createChaosBus(s.chaos);
				const hooks = { invalid: 0, dropped: 0, deadLettered: 0 };
				const publisher = createIntegrationsPublisher({
					bus: chaos.bus,
					closeTimeoutMillis: s.closeTimeoutMillis,
					batching: {
						enabled: true,
						validation: s.validation,
						workers: { pool, minRawBodyBytes: 0 },
						maxBatchSize: s.maxBatchSize,
						maxQueueSize: s.maxBatchSize + s.extraQueue,
						overflow: s.overflow,
						maxConcurrentFlushes: s.maxConcurrentFlushes,
						preserveTopicOrder: s.preserveTopicOrder,
						flushTimeoutMillis: 20,
						retry: { maxRetries: s.maxRetries, initialDelayMillis: 1, maxDelayMillis: 2 },
					},
					onInvalid: () => hooks.invalid++,
					onDrop: () => hooks.dropped++,
					onDeadLetter: () => hooks.deadLettered++,
				});
				let rejected = 0;
				let n = 0;
				for (const op of s.operations) {
					if (op.kind === 'flush') void publisher.flush();
					else if (op.kind === 'pause') await new Promise((r) => setTimeout(r, op.millis));
					else {
						const data =
							op.topic === 'api'
								? apiCalledEvent(n)
								: op.valid
									? dataSyncedEvent(n)
									: invalidDataSynced(n);
						const topic =
							op.topic === 'api' ? 'integrations.api.called' : 'integrations.data.synced';
						n++;
						try {
							if (op.raw)
								publisher.emitRaw(topic, op.valid ? JSON.stringify(data) : '{', {
									priority: op.priority,
								});
							else publisher.emit(topic, data as never, { priority: op.priority });
						} catch (error) {
							expect(error).toMatchObject({ code: 'ERR_QUEUE_FULL' });
							rejected++;
						}
					}
				}
				const closed = await Promise.race([
					publisher.close().then(() => true),
					new Promise((r) => setTimeout(r, s.closeTimeoutMillis + 500, false)),
				]);
				expect(closed, 'close() settles within closeTimeoutMillis').toBe(true);
				const stats = publisher.stats();
				expect(stats.offered).toBe(n);
				expect(stats.delivered + stats.invalid + stats.dropped + stats.deadLettered).toBe(
					stats.offered,
				);
				expect(stats.pending).toBe(0);
				expect(hooks).toEqual({
					invalid: stats.invalid,
					dropped: stats.dropped - rejected,
					deadLettered: stats.deadLettered,
				});
				if (s.chaos.hangRate === 0 && s.closeTimeoutMillis >= 1_000) {
					expect([...chaos.accepted.values()].every((count) => count === 1)).toBe(true);
					expect(chaos.accepted.size).toBe(stats.delivered);
				}
			}),
			{ numRuns: RUNS },
		);
	});
});

import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTinypoolPool } from '../../src/dispatch/validation/worker/validation-pool.js';
import {
	createInProcessBus,
	createIntegrationsPublisher,
	type IntegrationsEnvelope,
} from '../../src/index.js';
import { guardProcess } from '../support/guard-process.js';
import { timeoutForRuns } from '../support/reliability-runs.js';
import { seqOf, TOPIC_KEYS, topicOf, validPayload } from '../support/seq-events.js';

// Real worker threads dying mid-batch (the accounting property test covers crashes in thousands of
// runs with an in-process stand-in; this one kills actual threads of the pool the publisher
// creates, with `process.exit`): nothing is lost, nothing is delivered twice, invalid bodies are
// still reported, and the accounting is exact.

guardProcess();

const RUNS = Math.max(4, Math.round(Number(process.env.RELIABILITY_RUNS ?? 800) / 100));
/** The property's timeout grows with its runs (about 400 ms a run measured; never under 120 s). */
const RUNS_TIMEOUT = timeoutForRuns(RUNS, 400, 120_000);
const WORKER = fileURLToPath(new URL('./fixtures/random-crash-worker.mjs', import.meta.url));

describe('validation worker crashes', { timeout: RUNS_TIMEOUT }, () => {
	it('a worker thread that dies mid-batch is respawned and the batch validated again: exact accounting, each event once (property)', async () => {
		let crashes = 0;
		const logger = {
			warn: (_fields: object, msg: string) => {
				if (msg.includes('validation worker failed')) crashes++;
			},
			error: () => {},
			info: () => {},
			debug: () => {},
		};
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					// At least one crash in ~5 worker calls per run on average: the last assertion must not
					// depend on luck (fast-check leans to the bounds, and a worker call holds a whole batch).
					crashRate: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
					maxThreads: fc.integer({ min: 1, max: 2 }),
					events: fc.integer({ min: 20, max: 150 }),
					invalidEvery: fc.integer({ min: 3, max: 10 }),
					maxBatchSize: fc.integer({ min: 5, max: 40 }),
				}),
				async (s) => {
					const pool = await createTinypoolPool({
						filename: WORKER,
						workerData: { crashRate: s.crashRate },
						maxThreads: s.maxThreads,
					});
					const bus = createInProcessBus();
					const delivered: IntegrationsEnvelope[] = [];
					bus.subscribe('*', (envelope) => void delivered.push(envelope));
					const invalid: unknown[] = [];
					const publisher = createIntegrationsPublisher({
						bus,
						batching: {
							enabled: true,
							validation: 'worker',
							maxBatchSize: s.maxBatchSize,
							// One worker call per bus batch (not up to 1,024 bodies): more calls, more crashes.
							workers: { pool, maxBatchSize: s.maxBatchSize },
						},
						onInvalid: (report) => invalid.push(report.input),
						logger,
					});
					let expectedInvalid = 0;
					for (let seq = 1; seq <= s.events; seq++) {
						const topic = TOPIC_KEYS[seq % TOPIC_KEYS.length]!;
						if (seq % s.invalidEvery === 0) {
							expectedInvalid++;
							publisher.emitRaw(topicOf(topic), `{"integrationId":"i${seq}"`);
						} else publisher.emitRaw(topicOf(topic), JSON.stringify(validPayload(topic, seq)));
					}
					await publisher.close();
					await pool.destroy?.();
					expect(publisher.stats()).toMatchObject({
						offered: s.events,
						delivered: s.events - expectedInvalid,
						invalid: expectedInvalid,
						dropped: 0,
						deadLettered: 0,
						pending: 0,
					});
					expect(invalid).toHaveLength(expectedInvalid);
					const seqs = delivered.map(seqOf);
					expect(new Set(seqs).size).toBe(seqs.length);
					for (const envelope of delivered) {
						const key = TOPIC_KEYS.find((k) => topicOf(k) === envelope.type)!;
						expect(envelope.data).toEqual(validPayload(key, seqOf(envelope)));
					}
				},
			),
			{ numRuns: RUNS },
		);
		expect(crashes, 'worker threads really crashed').toBeGreaterThan(0);
	});
});

import { describe, expect, it, vi } from 'vitest';
import type { PendingEvent } from '../../../../src/dispatch/pending-event.js';
import type { WorkerValidator } from '../../../../src/dispatch/validation/worker/index.js';
import { WorkerBatches } from '../../../../src/dispatch/validation/worker/worker-batches.js';
import type {
	ValidationRequest,
	ValidationResponse,
} from '../../../../src/dispatch/validation-protocol.js';
import {
	createInProcessBus,
	createIntegrationsPublisher,
	type ValidationPool,
} from '../../../../src/index.js';
import { createCrashyPool } from '../../../support/crashy-pool.js';
import { dataSyncedEvent } from '../../../support/event-payloads.js';

const events = (count: number) => Array.from({ length: count }, () => ({}) as PendingEvent);
const RESPONSE = {} as ValidationResponse;

/** A worker validator whose calls wait until `answer()`; records the size of each call. */
function heldWorkers() {
	const calls: number[] = [];
	const answers: (() => void)[] = [];
	const workers: WorkerValidator = {
		validate: (batch) =>
			new Promise((resolve) => {
				calls.push(batch.length);
				answers.push(() => resolve(RESPONSE));
			}),
		close: async () => {},
	};
	return { workers, calls, answer: () => answers.shift()?.() };
}

const limits = { maxBatchSize: 25, maxBatchBytes: 1_000, maxInFlight: 2 };

describe('WorkerBatches', () => {
	it('gathers successive bus batches into one worker call, sent on the microtask after them', async () => {
		const { workers, calls, answer } = heldWorkers();
		const batches = new WorkerBatches(workers, limits);
		const first = batches.add(events(5), 50);
		const second = batches.add(events(7), 70);
		expect(calls).toEqual([]);
		await Promise.resolve();
		expect(calls).toEqual([12]);
		answer();
		expect(await first).toEqual({ response: RESPONSE, offset: 0 });
		expect(await second).toEqual({ response: RESPONSE, offset: 5 });
	});

	it('closes a call once it holds maxBatchSize bodies or maxBatchBytes bytes', () => {
		const { workers, calls } = heldWorkers();
		const batches = new WorkerBatches(workers, limits);
		batches.add(events(20), 100);
		batches.add(events(10), 100); // 30 bodies ≥ 25: sent now
		batches.add(events(1), 1_200); // 1,200 bytes ≥ 1,000: sent now
		expect(calls).toEqual([30, 1]);
	});

	it('is saturated while maxInFlight calls are out, and free again when one is answered', async () => {
		const { workers, answer } = heldWorkers();
		const batches = new WorkerBatches(workers, limits);
		const first = batches.add(events(25), 0);
		expect(batches.saturated).toBe(false);
		batches.add(events(25), 0);
		expect(batches.saturated).toBe(true);
		answer();
		await first;
		expect(batches.saturated).toBe(false);
	});

	it('answers `undefined` (validate inline) when the worker validator fails', async () => {
		const workers: WorkerValidator = {
			validate: () => Promise.reject(new Error('boom')),
			close: async () => {},
		};
		const answer = new WorkerBatches(workers, limits).add(events(3), 30);
		expect(await answer).toEqual({ response: undefined, offset: 0 });
	});
});

describe('worker calls of a publisher', () => {
	it('sends the bodies of 40 bus batches in one worker call and takes one reply', async () => {
		const crashy = createCrashyPool({ seed: 3, crashRate: 0, maxLatencyMillis: 0 });
		const sizes: number[] = [];
		const pool: ValidationPool = {
			run: vi.fn((task: ValidationRequest) => {
				sizes.push(task.items.length);
				return crashy.pool.run(task);
			}),
		};
		const bus = createInProcessBus();
		let delivered = 0;
		bus.subscribe('*', () => void delivered++);
		const publisher = createIntegrationsPublisher({
			bus,
			env: false,
			batching: { enabled: true, validation: 'worker', maxBatchSize: 25, workers: { pool } },
		});
		for (let i = 0; i < 1_000; i++) {
			publisher.emitRaw(
				'integrations.data.synced',
				Buffer.from(JSON.stringify(dataSyncedEvent(i))),
			);
		}
		await publisher.close();
		expect(sizes).toEqual([1_000]);
		expect(delivered).toBe(1_000);
		expect(publisher.stats()).toMatchObject({ offered: 1_000, delivered: 1_000, pending: 0 });
	});
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	type BusAdapter,
	createIntegrationsPublisher,
	type DeadLetterReport,
	type IntegrationsEnvelope,
	type PublisherOptions,
} from '../../../src/index.js';
import { apiCalledEvent, dataSyncedEvent } from '../../support/event-payloads.js';
import { createFlakyBus } from '../../support/flaky-bus.js';
import { seededRandom } from '../../support/seeded-random.js';
import { createSlowBus } from '../../support/slow-bus.js';

const batching = (options: PublisherOptions['batching'] = {}): PublisherOptions['batching'] => ({
	enabled: true,
	validation: 'inline',
	retry: { maxRetries: 3, initialDelayMillis: 10, maxDelayMillis: 40 },
	...options,
});

const recordsOf = (envelopes: readonly IntegrationsEnvelope[]) =>
	envelopes.map(
		(envelope) =>
			(envelope.data as { recordsProcessed?: number; duration?: number }).recordsProcessed ?? -1,
	);

afterEach(() => {
	vi.useRealTimers();
});

describe('retries', () => {
	it('retries only the items the bus failed, after a backoff, and delivers each once', async () => {
		vi.useFakeTimers();
		const calls: IntegrationsEnvelope[][] = [];
		const bus: BusAdapter = {
			async publishBatch(envelopes) {
				calls.push([...envelopes]);
				if (calls.length === 1) return { failed: [{ index: 1, error: new Error('nope') }] };
			},
		};
		const publisher = createIntegrationsPublisher({ bus, batching: batching() });
		for (let i = 0; i < 3; i++) publisher.dataSynced(dataSyncedEvent(i));
		const flushed = publisher.flush();
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.map(recordsOf)).toEqual([[0, 1, 2]]);
		await vi.advanceTimersByTimeAsync(10);
		await flushed;
		expect(calls.map(recordsOf)).toEqual([[0, 1, 2], [1]]);
		expect(calls[1]?.[0]?.id).toBe(calls[0]?.[1]?.id);
		expect(publisher.stats()).toMatchObject({ offered: 3, delivered: 3, retried: 1, pending: 0 });
	});

	it('dead-letters at once an item the bus marks as not retryable, and retries the others', async () => {
		vi.useFakeTimers();
		const calls: IntegrationsEnvelope[][] = [];
		const deadLetters: DeadLetterReport[] = [];
		const permanent = Object.assign(new Error('breaks a bus rule'), { retryable: false });
		const transient = Object.assign(new Error('try again'), { retryable: true });
		const bus: BusAdapter = {
			async publishBatch(envelopes) {
				calls.push([...envelopes]);
				if (calls.length === 1) {
					return {
						failed: [
							{ index: 0, error: permanent },
							{ index: 2, error: transient },
						],
					};
				}
			},
		};
		const publisher = createIntegrationsPublisher({
			bus,
			batching: batching(),
			onDeadLetter: (report) => deadLetters.push(report),
		});
		for (let i = 0; i < 3; i++) publisher.dataSynced(dataSyncedEvent(i));
		const flushed = publisher.flush();
		await vi.advanceTimersByTimeAsync(100);
		await flushed;
		expect(calls.map(recordsOf)).toEqual([[0, 1, 2], [2]]);
		expect(deadLetters.map((report) => [report.error, report.attempts])).toEqual([[permanent, 1]]);
		expect(publisher.stats()).toMatchObject({
			offered: 3,
			delivered: 2,
			deadLettered: 1,
			retried: 1,
			pending: 0,
		});
	});

	it('dead-letters an event after maxRetries with the last error and the attempts made', async () => {
		vi.useFakeTimers();
		const deadLetters: DeadLetterReport[] = [];
		let calls = 0;
		const publisher = createIntegrationsPublisher({
			bus: {
				publishBatch: () => Promise.reject(new Error(`down ${++calls}`)),
			},
			batching: batching({ retry: { maxRetries: 2, initialDelayMillis: 10, maxDelayMillis: 10 } }),
			onDeadLetter: (report) => deadLetters.push(report),
		});
		publisher.dataSynced(dataSyncedEvent(1));
		const flushed = publisher.flush();
		await vi.advanceTimersByTimeAsync(100);
		await flushed;
		expect(calls).toBe(3);
		expect(deadLetters).toHaveLength(1);
		expect(deadLetters[0]).toMatchObject({ attempts: 3, error: new Error('down 3') });
		expect(publisher.stats()).toMatchObject({ deadLettered: 1, retried: 2, pending: 0 });
	});

	it('treats a bus call that neither settles nor fails within flushTimeoutMillis as failed', async () => {
		vi.useFakeTimers();
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ flushTimeoutMillis: 50 }),
		});
		publisher.dataSynced(dataSyncedEvent(1));
		await vi.advanceTimersByTimeAsync(0);
		expect(slow.pending).toHaveLength(1);
		// Timeout at 50 ms, decided a turn of the loop later (2 ms in fake time), retry 5–10 ms after.
		await vi.advanceTimersByTimeAsync(50 + 20);
		expect(slow.pending).toHaveLength(2);
		slow.release(); // the late first call is ignored
		slow.release();
		await publisher.flush();
		expect(publisher.stats()).toMatchObject({ offered: 1, delivered: 1, retried: 1, pending: 0 });
	});
});

describe('per-topic order across retries', () => {
	it('holds later events of a topic until its failed event is delivered; other topics flow', async () => {
		vi.useFakeTimers();
		const calls: IntegrationsEnvelope[][] = [];
		const bus: BusAdapter = {
			async publishBatch(envelopes) {
				calls.push([...envelopes]);
				if (calls.length === 1) throw new Error('first call fails');
			},
		};
		const publisher = createIntegrationsPublisher({ bus, batching: batching() });
		publisher.dataSynced(dataSyncedEvent(1));
		await vi.advanceTimersByTimeAsync(0);
		publisher.dataSynced(dataSyncedEvent(2));
		publisher.apiCalled(apiCalledEvent(7));
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.map((call) => call.map((e) => e.type))).toEqual([
			['integrations.data.synced'],
			['integrations.api.called'],
		]);
		expect(publisher.stats().pending).toBe(2);
		await vi.advanceTimersByTimeAsync(20);
		await publisher.flush();
		const synced = calls.flat().filter((e) => e.type === 'integrations.data.synced');
		expect(recordsOf(synced)).toEqual([1, 1, 2]);
		expect(publisher.stats()).toMatchObject({ delivered: 3, pending: 0 });
	});

	it('lets later events overtake with preserveTopicOrder: false', async () => {
		vi.useFakeTimers();
		const calls: IntegrationsEnvelope[][] = [];
		const bus: BusAdapter = {
			async publishBatch(envelopes) {
				calls.push([...envelopes]);
				if (calls.length === 1) throw new Error('first call fails');
			},
		};
		const publisher = createIntegrationsPublisher({
			bus,
			batching: batching({ preserveTopicOrder: false }),
		});
		publisher.dataSynced(dataSyncedEvent(1));
		await vi.advanceTimersByTimeAsync(0);
		publisher.dataSynced(dataSyncedEvent(2));
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.map(recordsOf)).toEqual([[1], [2]]);
		await vi.advanceTimersByTimeAsync(20);
		await publisher.flush();
		expect(calls.map(recordsOf)).toEqual([[1], [2], [1]]);
	});
});

describe('flaky bus', () => {
	it('delivers every valid event exactly once to a bus that fails items and batches at random', async () => {
		const flaky = createFlakyBus({
			batchFailureRate: 0.2,
			itemFailureRate: 0.1,
			throwRate: 0.05,
			random: seededRandom(42),
		});
		const publisher = createIntegrationsPublisher({
			bus: flaky.bus,
			batching: batching({
				maxBatchSize: 7,
				maxConcurrentFlushes: 3,
				retry: { maxRetries: 30, initialDelayMillis: 0, maxDelayMillis: 1 },
			}),
		});
		for (let i = 0; i < 500; i++) publisher.dataSynced(dataSyncedEvent(i));
		await publisher.close();
		expect(publisher.stats()).toMatchObject({
			offered: 500,
			delivered: 500,
			deadLettered: 0,
			pending: 0,
		});
		expect([...flaky.accepted.values()].every((count) => count === 1)).toBe(true);
		expect(flaky.accepted.size).toBe(500);
	});
});

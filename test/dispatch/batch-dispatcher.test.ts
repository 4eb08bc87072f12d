import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createIntegrationsPublisher,
	type DroppedEventReport,
	type InvalidEventReport,
	type PublisherOptions,
} from '../../src/index.js';
import { apiCalledEvent, dataSyncedEvent, invalidDataSynced } from '../support/event-payloads.js';
import { createRecordingBus } from '../support/recording-bus.js';
import { createSlowBus } from '../support/slow-bus.js';

/** Lets `n` rounds of promise callbacks run without touching (fake) timers. */
async function microtasks(n = 30): Promise<void> {
	for (let i = 0; i < n; i++) await Promise.resolve();
}

function batching(options: PublisherOptions['batching'] = {}): PublisherOptions['batching'] {
	return { enabled: true, validation: 'inline', ...options };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('adaptive window', () => {
	it('flushes the first event into an idle publisher on a microtask, not after the window', async () => {
		vi.useFakeTimers();
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: batching({ maxDelayMillis: 1_000 }),
		});
		publisher.dataSynced(dataSyncedEvent());
		expect(recording.calls).toHaveLength(0);
		await microtasks();
		expect(recording.calls).toHaveLength(1);
	});

	it('still sends the next event on a microtask after a flush() or a window with nothing queued', async () => {
		vi.useFakeTimers();
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: batching({ maxDelayMillis: 1_000 }),
		});
		await publisher.flush();
		publisher.dataSynced(dataSyncedEvent(1));
		await microtasks();
		expect(recording.calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(5_000);
		publisher.dataSynced(dataSyncedEvent(2));
		await microtasks();
		expect(recording.calls).toHaveLength(2);
	});

	it('holds events that arrive while a flush is in flight until the window elapses', async () => {
		vi.useFakeTimers();
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxDelayMillis: 10, maxConcurrentFlushes: 2 }),
		});
		publisher.dataSynced(dataSyncedEvent(0));
		await microtasks();
		expect(slow.pending).toHaveLength(1);
		for (let i = 1; i <= 3; i++) publisher.dataSynced(dataSyncedEvent(i));
		await vi.advanceTimersByTimeAsync(9);
		expect(slow.pending).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(slow.pending.map((call) => call.envelopes.length)).toEqual([1, 3]);
	});

	it('sends a full batch at once without waiting for the window', async () => {
		vi.useFakeTimers();
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxDelayMillis: 10_000, maxBatchSize: 5, maxConcurrentFlushes: 2 }),
		});
		publisher.dataSynced(dataSyncedEvent(0));
		await microtasks();
		for (let i = 1; i <= 5; i++) publisher.dataSynced(dataSyncedEvent(i));
		await microtasks();
		expect(slow.pending.map((call) => call.envelopes.length)).toEqual([1, 5]);
	});

	it('fills batches under a burst', async () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({ bus: recording.bus, batching: batching() });
		for (let i = 0; i < 100; i++) publisher.dataSynced(dataSyncedEvent(i));
		await publisher.flush();
		expect(recording.calls.map((call) => call.length)).toEqual([25, 25, 25, 25]);
		expect(
			recording.envelopes.map(
				(envelope) => (envelope.data as { recordsProcessed: number }).recordsProcessed,
			),
		).toEqual([...Array(100).keys()]);
	});

	it('sends the partial batch that accumulated as soon as the previous flush completes', async () => {
		vi.useFakeTimers();
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxDelayMillis: 10_000 }),
		});
		publisher.dataSynced(dataSyncedEvent(0));
		await microtasks();
		publisher.dataSynced(dataSyncedEvent(1));
		publisher.dataSynced(dataSyncedEvent(2));
		slow.release();
		await microtasks();
		expect(slow.pending.map((call) => call.envelopes.length)).toEqual([2]);
	});
});

describe('priorities', () => {
	it('sends queued high priority events first', async () => {
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({ bus: slow.bus, batching: batching() });
		publisher.dataSynced(dataSyncedEvent(0));
		await microtasks();
		publisher.dataSynced(dataSyncedEvent(1), { priority: 'low' });
		publisher.dataSynced(dataSyncedEvent(2));
		publisher.dataSynced(dataSyncedEvent(3), { priority: 'high' });
		slow.release();
		await microtasks();
		const order = slow.pending[0]?.envelopes.map(
			(envelope) => (envelope.data as { recordsProcessed: number }).recordsProcessed,
		);
		expect(order).toEqual([3, 2, 1]);
	});

	it('rejects an unknown priority as misuse', () => {
		const publisher = createIntegrationsPublisher({ batching: batching() });
		expect(() => publisher.dataSynced(dataSyncedEvent(), { priority: 'urgent' as never })).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'priority' }),
		);
	});
});

describe('bounded queue', () => {
	/** A publisher whose single flush slot is taken, so that `maxQueueSize` events fill the queue. */
	async function blocked(
		options: PublisherOptions['batching'],
		extra: Partial<PublisherOptions> = {},
	) {
		const slow = createSlowBus();
		const drops: DroppedEventReport[] = [];
		const warn = vi.fn();
		const logger = { warn, error: vi.fn(), info: vi.fn(), debug: vi.fn() };
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxQueueSize: 4, maxBatchSize: 1, ...options }),
			onDrop: (report) => drops.push(report),
			logger,
			...extra,
		});
		publisher.dataSynced(dataSyncedEvent(100));
		await microtasks();
		for (let i = 0; i < 4; i++) publisher.dataSynced(dataSyncedEvent(i));
		return { publisher, drops, warn, slow };
	}

	const ids = (drops: DroppedEventReport[]) =>
		drops.map((drop) => (drop.input as { recordsProcessed: number }).recordsProcessed);

	it('drops the newest event and counts it when the queue is full (drop-newest)', async () => {
		const { publisher, drops, warn } = await blocked({ overflow: 'drop-newest' });
		expect(publisher.dataSynced(dataSyncedEvent(7))).toBe('dropped');
		expect(publisher.dataSynced(dataSyncedEvent(8))).toBe('dropped');
		expect(ids(drops)).toEqual([7, 8]);
		expect(drops[0]).toMatchObject({ reason: 'queue_full', priority: 'normal' });
		expect(publisher.stats()).toMatchObject({ offered: 7, dropped: 2 });
		expect(warn).toHaveBeenCalledTimes(1);
	});

	it('drops the oldest queued event of the same priority (drop-oldest)', async () => {
		const { publisher, drops } = await blocked({ overflow: 'drop-oldest' });
		expect(publisher.dataSynced(dataSyncedEvent(7))).toBe('backpressure');
		expect(ids(drops)).toEqual([0]);
		expect(publisher.stats()).toMatchObject({ offered: 6, dropped: 1 });
	});

	it('throws ERR_QUEUE_FULL under the reject policy and counts the rejection', async () => {
		const { publisher, drops } = await blocked({ overflow: 'reject' });
		expect(() => publisher.dataSynced(dataSyncedEvent(7))).toThrow(
			expect.objectContaining({ code: 'ERR_QUEUE_FULL', maxQueueSize: 4 }),
		);
		expect(drops).toEqual([]);
		expect(publisher.stats()).toMatchObject({ offered: 6, dropped: 1 });
	});

	it('a high priority event displaces the newest lower priority one', async () => {
		const { publisher, drops } = await blocked({ overflow: 'reject' });
		expect(publisher.dataSynced(dataSyncedEvent(7), { priority: 'high' })).toBe('backpressure');
		expect(drops).toEqual([expect.objectContaining({ reason: 'displaced' })]);
		expect(ids(drops)).toEqual([3]);
	});

	it('keeps the invariant after the queue drains', async () => {
		const { publisher, slow } = await blocked({ overflow: 'drop-newest' });
		for (let i = 0; i < 10; i++) publisher.dataSynced(dataSyncedEvent(i));
		const flushed = publisher.flush();
		while (publisher.stats().pending > 0) {
			if (slow.pending.length > 0) slow.release();
			await microtasks();
		}
		await flushed;
		const stats = publisher.stats();
		expect(stats).toMatchObject({ offered: 15, delivered: 5, dropped: 10, pending: 0 });
	});
});

describe('backpressure', () => {
	it('reports backpressure at the high-water mark and ready() waits until half of it', async () => {
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxQueueSize: 100, highWaterMark: 8, maxBatchSize: 2 }),
		});
		publisher.dataSynced(dataSyncedEvent(0));
		await microtasks();
		const statuses = Array.from({ length: 8 }, (_, i) => publisher.dataSynced(dataSyncedEvent(i)));
		expect(statuses.slice(0, 7)).toEqual(Array(7).fill('accepted'));
		expect(statuses[7]).toBe('backpressure');
		let ready = false;
		void publisher.ready().then(() => {
			ready = true;
		});
		slow.release();
		await microtasks();
		expect(ready).toBe(false); // 6 queued: still above 4
		slow.release();
		await microtasks();
		expect(ready).toBe(true);
	});

	it('ready() resolves at once without pressure', async () => {
		const publisher = createIntegrationsPublisher({ batching: batching() });
		await expect(publisher.ready()).resolves.toBeUndefined();
	});
});

describe('validation in batching mode', () => {
	it('never throws for bad data; reports each invalid event with its zod issues', async () => {
		const invalid: InvalidEventReport[] = [];
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: batching(),
			onInvalid: (report) => invalid.push(report),
		});
		expect(publisher.dataSynced(invalidDataSynced(1) as never)).toBe('accepted');
		publisher.dataSynced(dataSyncedEvent(2));
		publisher.emit('integrations.bogus' as never, {} as never);
		await publisher.flush();
		expect(recording.envelopes).toHaveLength(1);
		expect(invalid[0]?.issues[0]).toMatchObject({ path: ['recordsProcessed'], code: 'too_small' });
		expect(invalid[1]).toMatchObject({
			topic: 'integrations.bogus',
			issues: [{ code: 'unknown_topic' }],
		});
		expect(publisher.stats()).toMatchObject({ offered: 3, delivered: 1, invalid: 2, pending: 0 });
	});

	it('reports raw bodies that are not JSON or not UTF-8 as invalid, inline', async () => {
		const invalid: InvalidEventReport[] = [];
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: batching(),
			onInvalid: (report) => invalid.push(report),
		});
		publisher.emitRaw('integrations.api.called', '{"not json');
		publisher.emitRaw('integrations.api.called', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
		publisher.emitRaw('integrations.api.called', Buffer.from(JSON.stringify(apiCalledEvent(4))));
		// Bytes are decoded during the call: bad UTF-8 is reported at once, bad JSON with its batch.
		expect(invalid.map((report) => report.issues[0]?.code)).toEqual(['invalid_utf8']);
		await publisher.flush();
		expect(invalid.map((report) => report.issues[0]?.code)).toEqual([
			'invalid_utf8',
			'invalid_json',
		]);
		expect(recording.envelopes[0]?.data).toEqual(apiCalledEvent(4));
	});
});

describe('flush()', () => {
	it('resolves once everything offered before it settled, even while events keep coming', async () => {
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			batching: batching({ maxBatchSize: 2 }),
		});
		for (let i = 0; i < 3; i++) publisher.dataSynced(dataSyncedEvent(i));
		let flushed = false;
		void publisher.flush().then(() => {
			flushed = true;
		});
		for (let round = 0; round < 10 && !flushed; round++) {
			publisher.dataSynced(dataSyncedEvent(100 + round));
			await microtasks();
			if (slow.pending.length > 0) slow.release();
			await microtasks();
		}
		expect(flushed).toBe(true);
		expect(publisher.stats().delivered).toBeGreaterThanOrEqual(3);
		expect(publisher.stats().pending).toBeGreaterThan(0);
	});
});

describe('event loop', () => {
	it('yields to other callbacks while it drains a large queue', async () => {
		let delivered = 0;
		const publisher = createIntegrationsPublisher({
			bus: {
				async publishBatch(envelopes) {
					delivered += envelopes.length;
				},
			},
			batching: batching({ maxQueueSize: 200_000, highWaterMark: 200_000 }),
		});
		for (let i = 0; i < 100_000; i++) publisher.dataSynced(dataSyncedEvent(i));
		const seen: number[] = [];
		await new Promise<void>((resolve) => {
			const tick = () => {
				seen.push(delivered);
				if (delivered < 100_000) setImmediate(tick);
				else resolve();
			};
			setImmediate(tick);
		});
		expect(seen[0]).toBeLessThan(100_000);
		expect(seen.length).toBeGreaterThan(2);
		await publisher.close();
	});
});

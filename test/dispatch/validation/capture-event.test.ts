import { describe, expect, it } from 'vitest';
import {
	type BatchingOptions,
	createInProcessBus,
	createIntegrationsPublisher,
	type DataSyncEvent,
	type DroppedEventReport,
	type IntegrationsEnvelope,
	type InvalidEventReport,
} from '../../../src/index.js';
import { createCrashyPool } from '../../support/crashy-pool.js';
import { dataSyncedEvent } from '../../support/event-payloads.js';
import { createSlowBus } from '../../support/slow-bus.js';

/** Every way a publisher can take an event: sync mode and the three batching validations. */
const MODES: Record<string, () => BatchingOptions> = {
	sync: () => ({ enabled: false }),
	'batching, inline': () => ({ enabled: true, validation: 'inline' }),
	'batching, auto': () => ({ enabled: true, validation: 'auto', workers: { minRawBodyBytes: 0 } }),
	'batching, worker': () => ({
		enabled: true,
		validation: 'worker',
		// The real worker entry, run in-process after a structured clone (as a thread would).
		workers: { pool: createCrashyPool({ seed: 1, crashRate: 0, maxLatencyMillis: 0 }).pool },
	}),
};

function subscribed(
	mode: string,
	extra: { onInvalid?: (report: InvalidEventReport) => void } = {},
) {
	const bus = createInProcessBus();
	const received: IntegrationsEnvelope[] = [];
	bus.subscribe('*', (envelope) => void received.push(envelope));
	const batching = MODES[mode]!();
	const publisher = createIntegrationsPublisher({ bus, batching, env: false, ...extra });
	return { publisher, received, data: () => received.map((e) => e.data as DataSyncEvent) };
}

const syncIds = (data: readonly DataSyncEvent[]) => data.map((d) => d.syncId);

describe.each(Object.keys(MODES))('%s: what emit captures', (mode) => {
	it('delivers r1, r2, r3, r4 from a loop that reuses one object', async () => {
		const { publisher, data } = subscribed(mode);
		const ev = { ...dataSyncedEvent(1) };
		for (const id of ['r1', 'r2', 'r3', 'r4']) {
			ev.syncId = id;
			publisher.emit('integrations.data.synced', ev);
		}
		await publisher.close();
		expect(syncIds(data())).toEqual(['r1', 'r2', 'r3', 'r4']);
	});

	it('delivers an event made invalid after emit as it was emitted', async () => {
		const { publisher, data } = subscribed(mode);
		const ev = { ...dataSyncedEvent(7) };
		publisher.dataSynced(ev);
		ev.recordsProcessed = -5;
		delete (ev as Partial<DataSyncEvent>).integrationId;
		await publisher.close();
		expect(data()).toEqual([dataSyncedEvent(7)]);
		expect(publisher.stats()).toMatchObject({ offered: 1, delivered: 1, invalid: 0 });
	});

	it('delivers a byte body as it was when emitRaw was called, and its buffer may be reused', async () => {
		const { publisher, data } = subscribed(mode);
		const body = Buffer.from(JSON.stringify(dataSyncedEvent(3)));
		publisher.emitRaw('integrations.data.synced', body);
		body.fill(0x20); // e.g. a receive buffer reused for the next request
		await publisher.close();
		expect(data()).toEqual([dataSyncedEvent(3)]);
	});
});

describe('events judged at the call in batching mode', () => {
	it('counts an event invalid at the call as invalid, even if the caller fixes it afterwards', async () => {
		const invalid: InvalidEventReport[] = [];
		const { publisher, received } = subscribed('batching, inline', {
			onInvalid: (report) => invalid.push(report),
		});
		const ev = { ...dataSyncedEvent(2), recordsProcessed: -1 };
		expect(publisher.dataSynced(ev)).toBe('accepted');
		expect(invalid).toHaveLength(1); // reported during the call, with the caller's object
		expect(invalid[0]?.input).toBe(ev);
		ev.recordsProcessed = 2;
		await publisher.close();
		expect(received).toEqual([]);
		expect(invalid[0]?.issues[0]?.path).toEqual(['recordsProcessed']);
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1, delivered: 0, pending: 0 });
	});

	it('never lets an invalid event take a queue slot or displace a lower priority', async () => {
		const slow = createSlowBus();
		const drops: DroppedEventReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			env: false,
			batching: { enabled: true, validation: 'inline', maxQueueSize: 1, maxBatchSize: 1 },
			onDrop: (report) => drops.push(report),
		});
		publisher.dataSynced(dataSyncedEvent(1)); // in flight
		await new Promise((resolve) => setImmediate(resolve));
		publisher.dataSynced(dataSyncedEvent(2), { priority: 'low' }); // fills the queue
		publisher.dataSynced({ ...dataSyncedEvent(3), status: 'bogus' } as never, { priority: 'high' });
		expect(drops).toEqual([]);
		slow.release();
		await new Promise((resolve) => setImmediate(resolve));
		slow.release();
		await publisher.close();
		expect(publisher.stats()).toMatchObject({ offered: 3, delivered: 2, invalid: 1, dropped: 0 });
	});

	it('reports a dropped event as captured: a copy of what was emitted, not the changed object', async () => {
		const drops: DroppedEventReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: createSlowBus().bus,
			env: false,
			batching: { enabled: true, validation: 'inline', maxQueueSize: 1, maxBatchSize: 1 },
			onDrop: (report) => drops.push(report),
		});
		const ev = { ...dataSyncedEvent(1), extra: 'stripped' };
		publisher.dataSynced(ev);
		publisher.dataSynced(ev); // the queue is full: dropped (drop-newest)
		ev.syncId = 'changed';
		expect(drops.map((d) => d.input)).toEqual([dataSyncedEvent(1)]);
		expect(drops[0]?.input).not.toBe(ev);
	});

	it('reports bytes that are not UTF-8 invalid during the emitRaw call, with the caller bytes', async () => {
		const invalid: InvalidEventReport[] = [];
		const { publisher } = subscribed('batching, auto', {
			onInvalid: (report) => invalid.push(report),
		});
		const body = new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]);
		publisher.emitRaw('integrations.data.synced', body);
		expect(invalid.map((report) => report.issues[0]?.code)).toEqual(['invalid_utf8']);
		expect(invalid[0]?.input).toBe(body);
		await publisher.close();
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1, pending: 0 });
	});

	it('counts an unknown topic invalid at the call, for objects and raw bodies', async () => {
		const codes: string[] = [];
		const { publisher } = subscribed('batching, inline', {
			onInvalid: (report) => codes.push(String(report.issues[0]?.code)),
		});
		publisher.emit('integrations.bogus' as never, dataSyncedEvent(1) as never);
		publisher.emitRaw('integrations.bogus' as never, JSON.stringify(dataSyncedEvent(2)));
		expect(codes).toEqual(['unknown_topic', 'unknown_topic']);
		await publisher.close();
		expect(publisher.stats()).toMatchObject({ offered: 2, invalid: 2, pending: 0 });
	});
});

describe('sync mode and payloads that throw while read', () => {
	it('counts a payload whose getter throws as invalid, rethrows its error, and flush() resolves', async () => {
		const invalid: InvalidEventReport[] = [];
		const { publisher } = subscribed('sync', { onInvalid: (report) => invalid.push(report) });
		const hostile = {
			...dataSyncedEvent(0),
			get syncedAt(): string {
				throw new Error('boom');
			},
		};
		expect(() => publisher.dataSynced(hostile)).toThrow('boom');
		await publisher.flush();
		expect(invalid.map((report) => report.issues[0]?.code)).toEqual(['invalid_input']);
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1, pending: 0 });
	});
});

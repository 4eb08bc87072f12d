import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createTinypoolPool,
	validationWorkerUrl,
} from '../../../../src/dispatch/validation/worker/validation-pool.js';
import type { ValidationRequest } from '../../../../src/dispatch/validation-protocol.js';
import {
	createIntegrationsPublisher,
	ENVELOPE_DATA_JSON,
	type IntegrationsEnvelope,
	type InvalidEventReport,
	type PublisherOptions,
	type ValidationPool,
} from '../../../../src/index.js';
import { createCrashyPool } from '../../../support/crashy-pool.js';
import { dataSyncedEvent, webhookReceivedEvent } from '../../../support/event-payloads.js';
import { createRecordingBus } from '../../../support/recording-bus.js';

const pools: ValidationPool[] = [];
afterEach(async () => {
	await Promise.all(pools.splice(0).map((pool) => pool.destroy?.()));
});

/** A pool running the crashing fixture: its first `crashes` tasks kill their worker thread. */
async function crashingPool(crashes: number, maxThreads = 1): Promise<ValidationPool> {
	const counter = new Int32Array(new SharedArrayBuffer(4));
	counter[0] = crashes;
	const pool = await createTinypoolPool({
		filename: new URL('../../fixtures/crashing-worker.mjs', import.meta.url).href,
		workerData: { crashes: counter.buffer },
		maxThreads,
	});
	pools.push(pool);
	return pool;
}

const fromWorker = (envelope: IntegrationsEnvelope | undefined) =>
	envelope !== undefined && ENVELOPE_DATA_JSON in envelope;

function publisherWith(
	batching: PublisherOptions['batching'],
	extra: Partial<PublisherOptions> = {},
) {
	const recording = createRecordingBus();
	const publisher = createIntegrationsPublisher({
		bus: recording.bus,
		batching: { enabled: true, ...batching },
		...extra,
	});
	return { recording, publisher };
}

describe('worker validation', () => {
	it('resolves the worker entry to the built file when running from sources', () => {
		expect(validationWorkerUrl().pathname).toMatch(/\/dist\/validation-worker\.js$/);
	});

	it('auto: raw bodies at or above minRawBodyBytes go to a worker, smaller ones stay inline', async () => {
		const { recording, publisher } = publisherWith({
			validation: 'auto',
			workers: { minRawBodyBytes: 300 },
		});
		const big = { ...webhookReceivedEvent(1), event: 'x'.repeat(300) };
		publisher.emitRaw('integrations.webhook.received', JSON.stringify(big));
		publisher.emitRaw('integrations.webhook.received', JSON.stringify(webhookReceivedEvent(2)));
		publisher.webhookReceived(webhookReceivedEvent(3));
		await publisher.close();
		const [viaWorker, smallRaw, object] = recording.envelopes;
		expect(fromWorker(viaWorker)).toBe(true);
		expect(viaWorker?.data).toEqual(big);
		expect(JSON.parse(JSON.stringify(viaWorker))).toMatchObject({ data: big });
		expect(fromWorker(smallRaw)).toBe(false);
		expect(fromWorker(object)).toBe(false);
	});

	it('keeps a raw body as the JSON of its envelope when validation changed nothing', async () => {
		const { recording, publisher } = publisherWith({ validation: 'worker' });
		const plain = JSON.stringify(dataSyncedEvent(1));
		const extra = JSON.stringify({ ...dataSyncedEvent(2), unknown: { deep: [1, 2, 3] } });
		publisher.emitRaw('integrations.data.synced', Buffer.from(plain));
		publisher.emitRaw('integrations.data.synced', Buffer.from(extra));
		await publisher.close();
		const [kept, stripped] = recording.envelopes as unknown as Record<PropertyKey, unknown>[];
		expect(kept?.[ENVELOPE_DATA_JSON]).toBe(plain);
		expect(kept?.data).toEqual(dataSyncedEvent(1));
		expect(stripped?.[ENVELOPE_DATA_JSON]).toBe(JSON.stringify(dataSyncedEvent(2)));
		expect(stripped?.data).toEqual(dataSyncedEvent(2));
	});

	it('worker: object events are judged at emit and never cloned to a worker, unknown keys stripped', async () => {
		const run = vi.fn();
		const { recording, publisher } = publisherWith({
			validation: 'worker',
			workers: { pool: { run } },
		});
		publisher.dataSynced({ ...dataSyncedEvent(5), extra: true } as never);
		await publisher.close();
		expect(run).not.toHaveBeenCalled();
		expect(fromWorker(recording.envelopes[0])).toBe(false);
		expect(recording.envelopes[0]?.data).toEqual(dataSyncedEvent(5));
	});

	it('reports bad JSON, invalid UTF-8 and schema failures from the worker as invalid', async () => {
		const invalid: InvalidEventReport[] = [];
		const { recording, publisher } = publisherWith(
			{ validation: 'worker' },
			{ onInvalid: (report) => invalid.push(report) },
		);
		publisher.emitRaw('integrations.data.synced', '{"broken": ');
		publisher.emitRaw('integrations.data.synced', new Uint8Array([0xc3, 0x28]));
		publisher.emitRaw(
			'integrations.data.synced',
			JSON.stringify({ ...dataSyncedEvent(1), status: 'meh' }),
		);
		publisher.emitRaw('integrations.data.synced', JSON.stringify(dataSyncedEvent(2)));
		await publisher.close();
		// Bytes that are not UTF-8 are found during the emitRaw call, before any worker sees them.
		expect(invalid.map((report) => report.issues[0]?.code)).toEqual([
			'invalid_utf8',
			'invalid_json',
			'invalid_value',
		]);
		expect(invalid[2]?.issues[0]?.path).toEqual(['status']);
		expect(recording.envelopes).toHaveLength(1);
		expect(publisher.stats()).toMatchObject({ offered: 4, invalid: 3, delivered: 1 });
	});

	it('reports a byte body dropped, invalid or dead-lettered with its text as emitted, even after the caller reused its buffer', async () => {
		const inputs: Record<string, unknown[]> = { dropped: [], invalid: [], deadLettered: [] };
		const publisher = createIntegrationsPublisher({
			bus: { publishBatch: () => Promise.reject(new Error('down')) },
			env: false,
			batching: {
				enabled: true,
				validation: 'worker',
				maxQueueSize: 2,
				retry: { maxRetries: 0 },
				workers: { pool: createCrashyPool({ seed: 5, crashRate: 0, maxLatencyMillis: 0 }).pool },
			},
			onDrop: (report) => inputs.dropped?.push(report.input),
			onInvalid: (report) => inputs.invalid?.push(report.input),
			onDeadLetter: (report) => inputs.deadLettered?.push(report.input),
		});
		const buffer = Buffer.alloc(256);
		const emit = (text: string) => {
			const length = buffer.write(text);
			publisher.emitRaw('integrations.data.synced', buffer.subarray(0, length));
			buffer.fill(0x20); // the caller reuses its buffer
		};
		const valid = JSON.stringify(dataSyncedEvent(1));
		const invalid = JSON.stringify({ ...dataSyncedEvent(2), status: 'meh' });
		emit(valid);
		emit(invalid);
		emit(JSON.stringify(dataSyncedEvent(3))); // the queue holds two: dropped
		await publisher.close();
		expect(inputs).toEqual({
			dropped: [JSON.stringify(dataSyncedEvent(3))],
			invalid: [invalid],
			deadLettered: [valid],
		});
	});

	it("never detaches the caller's buffer", async () => {
		const { publisher } = publisherWith({ validation: 'worker' });
		const body = Buffer.from(JSON.stringify(dataSyncedEvent(1)));
		const length = body.byteLength;
		publisher.emitRaw('integrations.data.synced', body);
		await publisher.close();
		expect(body.byteLength).toBe(length);
		expect(JSON.parse(body.toString())).toEqual(dataSyncedEvent(1));
	});

	it('re-validates a batch whose worker crashed, on a respawned worker: nothing is lost', async () => {
		const warn = vi.fn();
		const { recording, publisher } = publisherWith(
			{ validation: 'worker', workers: { pool: await crashingPool(1) } },
			{ logger: { warn, error: vi.fn(), info: vi.fn(), debug: vi.fn() } },
		);
		for (let i = 0; i < 40; i++)
			publisher.emitRaw('integrations.data.synced', JSON.stringify(dataSyncedEvent(i)));
		await publisher.flush();
		expect(recording.envelopes).toHaveLength(40);
		expect(recording.envelopes.every(fromWorker)).toBe(true);
		expect(publisher.stats()).toMatchObject({ offered: 40, delivered: 40, pending: 0 });
		expect(warn).toHaveBeenCalledWith(
			expect.objectContaining({ brand: 'brAInwav', component: 'integrations', episode: 'start' }),
			expect.stringContaining('validation worker failed'),
		);
		expect(warn.mock.calls.filter(([fields]) => fields.episode === 'start')).toHaveLength(1);
		await publisher.close();
	});

	it('falls back to inline validation when the workers keep crashing', async () => {
		const { recording, publisher } = publisherWith({
			validation: 'worker',
			workers: { pool: await crashingPool(1_000) },
		});
		for (let i = 0; i < 5; i++)
			publisher.emitRaw('integrations.data.synced', JSON.stringify(dataSyncedEvent(i)));
		await publisher.close();
		expect(recording.envelopes).toHaveLength(5);
		expect(recording.envelopes.some(fromWorker)).toBe(false);
	});
});

const MISSING_WORKER = new URL('./fixtures/no-such-worker.mjs', import.meta.url).href;

/** A one-body request (`{}`, topic slot 0), plus `extra` fields (e.g. one that cannot be cloned). */
function bodyRequest(extra: object = {}): ValidationRequest {
	const slab = new SharedArrayBuffer(2);
	new Uint8Array(slab).set([0x7b, 0x7d]);
	const request = { items: new Uint8Array([0]), spans: Int32Array.of(0, 0, 2), slabs: [slab] };
	return { ...request, ...extra };
}

describe('the pool the publisher creates', () => {
	it('fails the task of a thread that exits mid-task and answers the next one on a new thread', async () => {
		const pool = await crashingPool(1);
		await expect(pool.run(bodyRequest())).rejects.toThrow(/exited with code 1/);
		await expect(pool.run(bodyRequest())).resolves.toMatchObject({
			verdicts: expect.any(Uint8Array),
		});
	});

	it('fails every task of threads that exit while others queue, and runs the rest', async () => {
		const pool = await crashingPool(3, 2);
		const settled = await Promise.allSettled(
			Array.from({ length: 8 }, () => pool.run(bodyRequest())),
		);
		expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(3);
		expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
	});

	it('fails every call, never hangs, when the worker entry cannot be loaded', async () => {
		const pool = await createTinypoolPool({ filename: MISSING_WORKER, maxThreads: 1 });
		pools.push(pool);
		for (let attempt = 1; attempt <= 3; attempt++) {
			await expect(pool.run(bodyRequest())).rejects.toThrow();
		}
	});

	it('validates inline when the worker entry cannot be loaded: nothing is lost', async () => {
		const pool = await createTinypoolPool({ filename: MISSING_WORKER, maxThreads: 1 });
		pools.push(pool);
		const { recording, publisher } = publisherWith({ validation: 'worker', workers: { pool } });
		for (let i = 0; i < 5; i++)
			publisher.emitRaw('integrations.data.synced', JSON.stringify(dataSyncedEvent(i)));
		await publisher.close();
		expect(publisher.stats()).toMatchObject({ offered: 5, delivered: 5, deadLettered: 0 });
		expect(recording.envelopes.some(fromWorker)).toBe(false);
	});

	it('never strands the tasks queued behind one that cannot be cloned', async () => {
		const pool = await createTinypoolPool({ maxThreads: 1 });
		pools.push(pool);
		const settled = await Promise.allSettled([
			pool.run(bodyRequest()),
			pool.run(bodyRequest({ hook: () => {} })),
			pool.run(bodyRequest()),
			pool.run(bodyRequest()),
		]);
		expect(settled.map((s) => s.status)).toEqual([
			'fulfilled',
			'rejected',
			'fulfilled',
			'fulfilled',
		]);
	});
});

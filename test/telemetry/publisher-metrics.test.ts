import { readFileSync } from 'node:fs';
import { createNoopMeter, metrics } from '@opentelemetry/api';
import {
	type DataPoint,
	type Histogram,
	MeterProvider,
	MetricReader,
	type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	ALLOWED_ATTRIBUTE_KEYS,
	type BusAdapter,
	createIntegrationsPublisher,
	INSTRUMENTS,
	loadPublisherConfig,
	METER_NAME,
	type PublisherOptions,
} from '../../src/index.js';
import { LATENCY_BUCKETS_SECONDS, METER_VERSION } from '../../src/telemetry/instruments.js';
import { createPublisherMetrics } from '../../src/telemetry/publisher-metrics.js';
import { dataSyncedEvent, invalidDataSynced } from '../support/event-payloads.js';
import { createRecordingBus } from '../support/recording-bus.js';
import { createSlowBus } from '../support/slow-bus.js';

class TestReader extends MetricReader {
	protected override async onForceFlush(): Promise<void> {}
	protected override async onShutdown(): Promise<void> {}
}

function sdk() {
	const reader = new TestReader();
	const provider = new MeterProvider({ readers: [reader] });
	return {
		provider,
		async collect(): Promise<ResourceMetrics> {
			return (await reader.collect()).resourceMetrics;
		},
	};
}

type Point = { name: string; attributes: Record<string, unknown>; value: unknown };

function points(resource: ResourceMetrics): Point[] {
	return resource.scopeMetrics.flatMap((scope) =>
		scope.metrics.flatMap((metric) =>
			(metric.dataPoints as DataPoint<unknown>[]).map((point) => ({
				name: metric.descriptor.name,
				attributes: point.attributes,
				value: point.value,
			})),
		),
	);
}

const sum = (all: Point[], name: string) =>
	all.filter((p) => p.name === name).reduce((total, p) => total + (p.value as number), 0);
const histogram = (all: Point[], name: string) =>
	all.filter((p) => p.name === name).map((p) => p.value as Histogram);

afterEach(() => {
	metrics.disable();
});

/** Tallies of a publisher that offered nothing yet. */
function source() {
	const zeros = new Float64Array(15);
	return {
		topics: ['t0', 't1', 't2', 't3', 'unknown'],
		priorities: ['high', 'normal', 'low'],
		dropReasons: ['queue_full', 'displaced', 'rejected'],
		offered: zeros,
		delivered: new Float64Array(5),
		invalid: new Float64Array(5),
		dropped: zeros,
		retried: new Float64Array(5),
		deadLettered: new Float64Array(5),
		queueDepth: () => 0,
	};
}

/** A bus that fails the first item of every other call. */
function flakyBus(): BusAdapter {
	let calls = 0;
	return {
		async publishBatch() {
			calls++;
			if (calls % 2 === 0) return { failed: [{ index: 0, error: new Error('item') }] };
		},
	};
}

async function workload(options: Partial<PublisherOptions>) {
	const publisher = createIntegrationsPublisher({
		bus: flakyBus(),
		batching: {
			enabled: true,
			validation: 'inline',
			maxBatchSize: 5,
			maxQueueSize: 30,
			retry: { maxRetries: 1, initialDelayMillis: 0, maxDelayMillis: 0 },
		},
		...options,
	});
	for (let i = 0; i < 40; i++) {
		const priority = (['high', 'normal', 'low'] as const)[i % 3];
		if (i % 7 === 0) publisher.dataSynced(invalidDataSynced(i) as never, { priority });
		else publisher.dataSynced(dataSyncedEvent(i), { priority });
	}
	await publisher.flush();
	return publisher;
}

describe('publisher metrics', () => {
	it('counters equal stats() exactly after a known workload', async () => {
		const otel = sdk();
		const publisher = await workload({ meterProvider: otel.provider });
		const all = points(await otel.collect());
		const stats = publisher.stats();
		expect(stats.dropped).toBeGreaterThan(0);
		expect(stats.retried).toBeGreaterThan(0);
		expect(stats.invalid).toBeGreaterThan(0);
		expect({
			offered: sum(all, INSTRUMENTS.eventsOffered.name),
			delivered: sum(all, INSTRUMENTS.eventsDelivered.name),
			invalid: sum(all, INSTRUMENTS.eventsInvalid.name),
			dropped: sum(all, INSTRUMENTS.eventsDropped.name),
			retried: sum(all, INSTRUMENTS.eventsRetried.name),
			deadLettered: sum(all, INSTRUMENTS.eventsDeadLettered.name),
		}).toEqual({
			offered: stats.offered,
			delivered: stats.delivered,
			invalid: stats.invalid,
			dropped: stats.dropped,
			retried: stats.retried,
			deadLettered: stats.deadLettered,
		});
		const offeredHigh = all.filter(
			(p) => p.name === INSTRUMENTS.eventsOffered.name && p.attributes.priority === 'high',
		);
		expect(offeredHigh.reduce((t, p) => t + (p.value as number), 0)).toBe(14);
		expect(all.find((p) => p.name === INSTRUMENTS.eventsDropped.name)?.attributes).toMatchObject({
			reason: expect.any(String),
			topic: 'integrations.data.synced',
		});
		await publisher.close();
		const after = points(await otel.collect());
		expect(sum(after, INSTRUMENTS.eventsOffered.name)).toBe(stats.offered);
	});

	it('records one histogram point per batch: size, flush, validation and delivery latency', async () => {
		const otel = sdk();
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			meterProvider: otel.provider,
			batching: { enabled: true, validation: 'inline' },
		});
		for (let i = 0; i < 60; i++) publisher.dataSynced(dataSyncedEvent(i));
		await publisher.flush();
		const all = points(await otel.collect());
		expect(recording.calls.map((call) => call.length)).toEqual([25, 25, 10]);
		const [sizes] = histogram(all, INSTRUMENTS.batchSize.name);
		expect(sizes).toMatchObject({ count: 3, sum: 60 });
		expect(histogram(all, INSTRUMENTS.flushDuration.name)[0]?.count).toBe(3);
		expect(histogram(all, INSTRUMENTS.deliveryLatency.name)[0]?.count).toBe(3);
		const validation = all.filter((p) => p.name === INSTRUMENTS.validationDuration.name);
		expect(validation).toEqual([
			expect.objectContaining({ attributes: { brand: 'brAInwav', validation_mode: 'inline' } }),
		]);
		expect((validation[0]?.value as Histogram | undefined)?.count).toBe(3);
		expect(histogram(all, INSTRUMENTS.flushDuration.name)[0]?.buckets.boundaries).toEqual([
			...LATENCY_BUCKETS_SECONDS,
		]);
		await publisher.close();
	});

	it('reports the queue depth per priority as an observable gauge', async () => {
		const otel = sdk();
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			meterProvider: otel.provider,
			closeTimeoutMillis: 10,
			batching: { enabled: true, validation: 'inline' },
		});
		publisher.dataSynced(dataSyncedEvent(0));
		await new Promise((resolve) => setImmediate(resolve));
		publisher.dataSynced(dataSyncedEvent(1), { priority: 'high' });
		publisher.dataSynced(dataSyncedEvent(2), { priority: 'low' });
		publisher.dataSynced(dataSyncedEvent(3), { priority: 'low' });
		const depth = points(await otel.collect()).filter(
			(p) => p.name === INSTRUMENTS.queueDepth.name,
		);
		expect(Object.fromEntries(depth.map((p) => [p.attributes.priority, p.value]))).toEqual({
			high: 1,
			normal: 0,
			low: 2,
		});
		await publisher.close();
		expect(publisher.stats()).toMatchObject({ deadLettered: 4, pending: 0 });
	});

	it('removes the observable callback it registered on close()', async () => {
		const otel = sdk();
		const meter = otel.provider.getMeter(METER_NAME, METER_VERSION);
		const add = vi.spyOn(meter, 'addBatchObservableCallback');
		const remove = vi.spyOn(meter, 'removeBatchObservableCallback');
		const provider = { getMeter: () => meter };
		const publisher = createIntegrationsPublisher({
			meterProvider: provider,
			batching: { enabled: true },
		});
		expect(add).toHaveBeenCalledTimes(1);
		await publisher.close();
		expect(remove).toHaveBeenCalledWith(add.mock.calls[0]?.[0], add.mock.calls[0]?.[1]);
	});

	it('records only allowed attribute keys, always with the brand', async () => {
		const otel = sdk();
		const publisher = await workload({ meterProvider: otel.provider });
		const all = points(await otel.collect());
		expect(all.length).toBeGreaterThan(10);
		for (const point of all) {
			for (const key of Object.keys(point.attributes))
				expect(ALLOWED_ATTRIBUTE_KEYS).toContain(key);
			expect(point.attributes.brand).toBe('brAInwav');
		}
		await publisher.close();
	});

	it('adds up the counts of two publishers sharing one provider', async () => {
		const otel = sdk();
		const first = await workload({ meterProvider: otel.provider });
		const second = await workload({ meterProvider: otel.provider });
		const all = points(await otel.collect());
		expect(sum(all, INSTRUMENTS.eventsOffered.name)).toBe(
			first.stats().offered + second.stats().offered,
		);
		await Promise.all([first.close(), second.close()]);
	});

	it('uses the global meter provider by default', async () => {
		const otel = sdk();
		metrics.setGlobalMeterProvider(otel.provider);
		const publisher = await workload({});
		expect(sum(points(await otel.collect()), INSTRUMENTS.eventsOffered.name)).toBe(40);
		await publisher.close();
	});

	it('metrics: false (or INTEGRATIONS_METRICS=false) registers nothing', async () => {
		const getMeter = vi.fn();
		const off = createIntegrationsPublisher({ metrics: false, meterProvider: { getMeter } });
		const fromEnv = createIntegrationsPublisher({
			...loadPublisherConfig({ INTEGRATIONS_METRICS: 'false', INTEGRATIONS_BATCHING: 'true' }),
			meterProvider: { getMeter },
		});
		fromEnv.dataSynced(dataSyncedEvent());
		await Promise.all([off.close(), fromEnv.close()]);
		expect(getMeter).not.toHaveBeenCalled();
	});

	it('caps the points each histogram records per second; counters stay exact', async () => {
		const otel = sdk();
		const tallies = source();
		const capped = createPublisherMetrics(tallies, {
			meterProvider: otel.provider,
			maxHistogramPointsPerSecond: 2,
		});
		for (let i = 0; i < 5; i++) capped.recordFlush(0.001, 'success', 10);
		tallies.delivered[0] = 50;
		const all = points(await otel.collect());
		expect(histogram(all, INSTRUMENTS.flushDuration.name)[0]?.count).toBe(2);
		expect(histogram(all, INSTRUMENTS.batchSize.name)[0]?.count).toBe(2);
		expect(sum(all, INSTRUMENTS.eventsDelivered.name)).toBe(50);
		capped.close();
	});

	it('sync mode on the in-process bus records one flush, size and latency point per event', async () => {
		const otel = sdk();
		const publisher = createIntegrationsPublisher({ meterProvider: otel.provider });
		for (let i = 0; i < 5; i++) publisher.dataSynced(dataSyncedEvent(i));
		expect(() => publisher.dataSynced(invalidDataSynced() as never)).toThrow();
		const all = points(await otel.collect());
		expect(histogram(all, INSTRUMENTS.flushDuration.name)[0]?.count).toBe(5);
		expect(histogram(all, INSTRUMENTS.batchSize.name)[0]?.sum).toBe(5);
		expect(histogram(all, INSTRUMENTS.deliveryLatency.name)[0]?.count).toBe(5);
		expect(sum(all, INSTRUMENTS.eventsDelivered.name)).toBe(5);
		expect(sum(all, INSTRUMENTS.eventsInvalid.name)).toBe(1);
		await publisher.close();
	});

	it('a spent histogram budget reads the clock once per 64 calls, and opens again a second later', async () => {
		const otel = sdk();
		const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
		try {
			const capped = createPublisherMetrics(source(), {
				meterProvider: otel.provider,
				maxHistogramPointsPerSecond: 2,
			});
			const flushes = (n: number) => {
				for (let i = 0; i < n; i++) capped.recordFlush(0.001, 'success', 1);
			};
			expect(capped.sampling()).toBe(true);
			flushes(2);
			now.mockClear();
			for (let i = 0; i < 640; i++) expect(capped.sampling()).toBe(false);
			flushes(64);
			expect(now).toHaveBeenCalledTimes(11);
			now.mockReturnValue(2_001);
			flushes(64 + 5);
			const all = points(await otel.collect());
			expect(histogram(all, INSTRUMENTS.flushDuration.name)[0]?.count).toBe(4);
			capped.close();
		} finally {
			now.mockRestore();
		}
	});

	it('wires nothing and times nothing on the API no-op meter (no SDK installed)', () => {
		const getMeter = vi.fn(() => createNoopMeter());
		expect(createPublisherMetrics(source(), { meterProvider: { getMeter } }).enabled).toBe(false);
		expect(getMeter).toHaveBeenCalledTimes(1);
		expect(createPublisherMetrics(source()).enabled).toBe(false);
		expect(createPublisherMetrics(source()).sampling()).toBe(false);
	});

	it('names the meter after the package and its version', () => {
		const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
		expect(METER_NAME).toBe(pkg.name);
		expect(METER_VERSION).toBe(pkg.version);
	});
});

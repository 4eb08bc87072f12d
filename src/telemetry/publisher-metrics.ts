import {
	type Attributes,
	type BatchObservableResult,
	type Counter,
	createNoopMeter,
	type Histogram,
	type Meter,
	type MeterProvider,
	metrics,
	type ObservableGauge,
} from '@opentelemetry/api';
import { ATTR, BRAND_ATTRIBUTES, INSTRUMENTS, METER_NAME, METER_VERSION } from './instruments.js';

/** Outcome of one bus call. */
export type FlushOutcome = 'success' | 'partial' | 'failure';

/**
 * The publisher's own tallies, read by the metrics (never written): plain arrays indexed like the
 * label lists, e.g. `offered[topic * priorities.length + priority]`.
 */
export interface PublisherMetricsSource {
	readonly topics: readonly string[];
	readonly priorities: readonly string[];
	readonly dropReasons: readonly string[];
	readonly offered: ArrayLike<number>;
	readonly delivered: ArrayLike<number>;
	readonly invalid: ArrayLike<number>;
	readonly dropped: ArrayLike<number>;
	readonly retried: ArrayLike<number>;
	readonly deadLettered: ArrayLike<number>;
	/** Events queued at `priority` (index into `priorities`). */
	queueDepth(priority: number): number;
}

/** Options of {@link createPublisherMetrics}. */
export interface PublisherMetricsOptions {
	/** @default metrics.getMeterProvider() */
	meterProvider?: MeterProvider;
	/** `false`: every method is a no-op and nothing is registered. @default true */
	enabled?: boolean;
	/**
	 * Cap on the points each histogram records per second (an SDK `record` costs 0.4-0.8 µs). Below
	 * it every batch is recorded; above it, the first batches of each second are. @default 1000
	 */
	maxHistogramPointsPerSecond?: number;
}

/** Default of {@link PublisherMetricsOptions.maxHistogramPointsPerSecond}. */
export const MAX_HISTOGRAM_POINTS_PER_SECOND = 1_000;

/** The publisher's instruments. Counters cost nothing per event (see {@link createPublisherMetrics}). */
export interface PublisherMetrics {
	/** False when nothing can be recorded (`metrics: false`, or no SDK behind the meter provider). */
	readonly enabled: boolean;
	/**
	 * True when `recordFlush` would record a point now (its per-second budget has room). Takes
	 * nothing: a caller that times every event (sync mode) reads its clocks only then.
	 */
	sampling(): boolean;
	recordValidation(seconds: number, mode: 'inline' | 'worker'): void;
	recordFlush(seconds: number, outcome: FlushOutcome, events: number): void;
	/** Emit → accepted by the bus, for the oldest event of a delivered batch. */
	recordDeliveryLatency(seconds: number): void;
	/** Reports the final counts and unregisters the observable callback. Idempotent. */
	close(): void;
}

const noop = (): void => {};

/** Instruments that record nothing. */
export const NOOP_PUBLISHER_METRICS: PublisherMetrics = Object.freeze({
	enabled: false,
	sampling: () => false,
	recordValidation: noop,
	recordFlush: noop,
	recordDeliveryLatency: noop,
	close: noop,
});

const withBrand = (attributes: Attributes): Attributes =>
	Object.freeze({ ...BRAND_ATTRIBUTES, ...attributes });

/**
 * Creates the publisher's instruments on `meterProvider` (the global one by default: a no-op
 * unless an SDK is installed). The counters are synchronous OTel counters fed from the publisher's
 * own tallies: the deltas are added just before each collection (from the queue-depth gauge
 * callback, which the SDK runs before it reads the counters) and at `close()`, so they equal
 * `stats()` exactly and cost nothing per event.
 */
export function createPublisherMetrics(
	source: PublisherMetricsSource,
	options: PublisherMetricsOptions = {},
): PublisherMetrics {
	if (options.enabled === false) return NOOP_PUBLISHER_METRICS;
	const provider = options.meterProvider ?? metrics.getMeterProvider();
	const meter = provider.getMeter(METER_NAME, METER_VERSION);
	// The API's no-op meter (no SDK installed) records nothing, now or later: skip the wiring and
	// the per-event work for it.
	if (meter === createNoopMeter()) return NOOP_PUBLISHER_METRICS;
	const sync = createCounterSync(source, meter);
	const histograms = createHistograms(
		meter,
		options.maxHistogramPointsPerSecond ?? MAX_HISTOGRAM_POINTS_PER_SECOND,
	);
	const gauge = createGauge(meter, INSTRUMENTS.queueDepth);
	const depthAttributes = source.priorities.map((priority) =>
		withBrand({ [ATTR.priority]: priority }),
	);
	const observe = (result: BatchObservableResult): void => {
		sync();
		for (let p = 0; p < depthAttributes.length; p++) {
			result.observe(gauge, source.queueDepth(p), depthAttributes[p]);
		}
	};
	meter.addBatchObservableCallback(observe, [gauge]);
	let closed = false;
	return {
		enabled: true,
		...histograms,
		close() {
			if (closed) return;
			closed = true;
			sync();
			meter.removeBatchObservableCallback(observe, [gauge]);
		},
	};
}

function createGauge(meter: Meter, spec: (typeof INSTRUMENTS)['queueDepth']): ObservableGauge {
	return meter.createObservableGauge(spec.name, { unit: spec.unit, description: spec.description });
}

type HistogramRecorders = Pick<
	PublisherMetrics,
	'sampling' | 'recordValidation' | 'recordFlush' | 'recordDeliveryLatency'
>;

/** While a budget is spent, the clock is read once per this many calls to see if a second passed. */
const CALLS_PER_CLOCK_READ = 64;

interface Budget {
	/** True (and one point used) when a point may be recorded now. */
	take(): boolean;
	/** True when `take()` would be: uses nothing. */
	hasRoom(): boolean;
}

/**
 * At most `perSecond` points per one-second window. Once spent, the budget reads the clock at the
 * next call and, while the window lasts, only every {@link CALLS_PER_CLOCK_READ}th call after it
 * (the next window may so open a few calls late), never per event.
 */
function createBudget(perSecond: number): Budget {
	let windowStart = Number.NEGATIVE_INFINITY;
	let left = 0;
	let skip = 0;
	const reopened = (): boolean => {
		if (perSecond <= 0) return false;
		if (skip > 0) {
			skip--;
			return false;
		}
		const now = performance.now();
		if (now - windowStart < 1000) {
			skip = CALLS_PER_CLOCK_READ - 1;
			return false;
		}
		windowStart = now;
		left = perSecond;
		return true;
	};
	return {
		take() {
			if (left === 0 && !reopened()) return false;
			left--;
			return true;
		},
		hasRoom: () => left > 0 || reopened(),
	};
}

function createHistograms(meter: Meter, perSecond: number): HistogramRecorders {
	const histogram = (spec: (typeof INSTRUMENTS)[keyof typeof INSTRUMENTS]): Histogram =>
		meter.createHistogram(spec.name, {
			unit: spec.unit,
			description: spec.description,
			advice: spec.buckets ? { explicitBucketBoundaries: [...spec.buckets] } : undefined,
		});
	const validation = histogram(INSTRUMENTS.validationDuration);
	const flush = histogram(INSTRUMENTS.flushDuration);
	const batchSize = histogram(INSTRUMENTS.batchSize);
	const latency = histogram(INSTRUMENTS.deliveryLatency);
	const byMode = {
		inline: withBrand({ [ATTR.validationMode]: 'inline' }),
		worker: withBrand({ [ATTR.validationMode]: 'worker' }),
	};
	const byOutcome = {
		success: withBrand({ [ATTR.outcome]: 'success' }),
		partial: withBrand({ [ATTR.outcome]: 'partial' }),
		failure: withBrand({ [ATTR.outcome]: 'failure' }),
	};
	const [validations, flushes, deliveries] = [1, 2, 3].map(() => createBudget(perSecond)) as [
		Budget,
		Budget,
		Budget,
	];
	return {
		sampling: flushes.hasRoom,
		recordValidation(seconds, mode) {
			if (validations.take()) validation.record(seconds, byMode[mode]);
		},
		recordFlush(seconds, outcome, events) {
			if (!flushes.take()) return;
			flush.record(seconds, byOutcome[outcome]);
			batchSize.record(events, BRAND_ATTRIBUTES);
		},
		recordDeliveryLatency(seconds) {
			if (deliveries.take()) latency.record(seconds, BRAND_ATTRIBUTES);
		},
	};
}

interface CounterFeed {
	readonly counter: Counter;
	readonly values: ArrayLike<number>;
	readonly attributes: readonly Attributes[];
	readonly reported: Float64Array;
}

/** Returns `sync()`: adds to each counter what its tally gained since the last call. */
function createCounterSync(source: PublisherMetricsSource, meter: Meter): () => void {
	const counter = (spec: (typeof INSTRUMENTS)[keyof typeof INSTRUMENTS]): Counter =>
		meter.createCounter(spec.name, { unit: spec.unit, description: spec.description });
	const byTopic = source.topics.map((topic) => withBrand({ [ATTR.topic]: topic }));
	const cross = (second: string, values: readonly string[]): Attributes[] =>
		source.topics.flatMap((topic) =>
			values.map((value) => withBrand({ [ATTR.topic]: topic, [second]: value })),
		);
	const feed = (
		spec: Parameters<typeof counter>[0],
		values: ArrayLike<number>,
		attributes: Attributes[],
	) => ({
		counter: counter(spec),
		values,
		attributes,
		reported: new Float64Array(values.length),
	});
	const feeds: CounterFeed[] = [
		feed(INSTRUMENTS.eventsOffered, source.offered, cross(ATTR.priority, source.priorities)),
		feed(INSTRUMENTS.eventsDelivered, source.delivered, byTopic),
		feed(INSTRUMENTS.eventsInvalid, source.invalid, byTopic),
		feed(INSTRUMENTS.eventsDropped, source.dropped, cross(ATTR.reason, source.dropReasons)),
		feed(INSTRUMENTS.eventsRetried, source.retried, byTopic),
		feed(INSTRUMENTS.eventsDeadLettered, source.deadLettered, byTopic),
	];
	return () => {
		for (const { counter: c, values, attributes, reported } of feeds) {
			for (let i = 0; i < values.length; i++) {
				const delta = (values[i] as number) - (reported[i] as number);
				if (delta > 0) {
					c.add(delta, attributes[i]);
					reported[i] = values[i] as number;
				}
			}
		}
	};
}

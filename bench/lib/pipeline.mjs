// Drives a publisher (or the upstream-equivalent pipeline) with realistic events for a fixed time
// and measures events/s and CPU per event. Shared by the throughput, metrics and sweep questions.
// With BENCH_ZOD=3 in its environment, a child drives the package with zod 3.25.76 installed (the
// version Cortex-OS pins, see zod3-dist.mjs) instead of this repository's zod 4; with BENCH_DIST,
// another build of the package (before/after records).
import { pathToFileURL } from 'node:url';
import { macrotask } from './child.mjs';
import { importTs } from './load-ts.mjs';
import { mainThreadCpuNanos, processCpuNanos } from './measure.mjs';
import { zod3DistUrl } from './zod3-dist.mjs';

const { createInProcessBus, createIntegrationsPublisher, INTEGRATIONS_TOPICS } = await import(
	process.env.BENCH_ZOD === '3' ? zod3DistUrl() : benchDistUrl()
);

/** The build under test: `BENCH_DIST` (a dist/index.js path, e.g. an older build), else ours. */
function benchDistUrl() {
	const dist = process.env.BENCH_DIST;
	return dist ? pathToFileURL(dist).href : '../../dist/index.js';
}

/** Events yielded to the event loop after, by every producer (as requests arriving would). */
export const PRODUCER_CHUNK = 1024;

/** `count` varied events of the four kinds (bench/lib/event-mix.ts) with their topic. */
export async function loadEvents(count, invalidShare = 0) {
	const { eventMix } = await importTs('lib/event-mix.ts');
	return eventMix(count, invalidShare).map((e) => ({
		topic: INTEGRATIONS_TOPICS[e.kind],
		kind: e.kind,
		data: e.data,
		valid: e.valid,
	}));
}

/** A publisher on an in-process bus with one subscriber counting deliveries. */
export function countingPublisher(options = {}) {
	const bus = createInProcessBus();
	const counter = { delivered: 0 };
	bus.subscribe('*', () => {
		counter.delivered++;
	});
	const publisher = createIntegrationsPublisher({ ...options, bus });
	return { publisher, counter };
}

/**
 * Emits `events` round-robin for `durationMillis` (yielding every PRODUCER_CHUNK events and
 * awaiting `ready()` on backpressure), then awaits `flush()`. Sync mode's ZodErrors are caught.
 * An event with a `body` goes through `emitRaw`; `chunk` events are emitted between yields.
 */
export async function drivePublisher(publisher, events, durationMillis, chunk = PRODUCER_CHUNK) {
	return timed(durationMillis, async (deadline) => {
		let i = 0;
		const n = events.length;
		for (;;) {
			for (let j = 0; j < chunk; j++) {
				const e = events[i++ % n];
				try {
					const status =
						e.body === undefined
							? publisher.emit(e.topic, e.data)
							: publisher.emitRaw(e.topic, e.body);
					if (status === 'backpressure') await publisher.ready();
				} catch {
					// sync mode: the ZodError of an invalid event, as upstream throws it
				}
			}
			if (performance.now() >= deadline) break;
			await macrotask();
		}
		await publisher.flush();
		return i;
	});
}

/** The upstream-equivalent pipeline (bench/baseline/upstream-pipeline.ts), same producer shape. */
export async function createUpstreamDriver() {
	const { inproc, publishUpstream } = await importTs('baseline/upstream-pipeline.ts');
	const transport = inproc();
	const counter = { delivered: 0 };
	await transport.subscribe(Object.values(INTEGRATIONS_TOPICS), async () => {
		counter.delivered++;
	});
	const drive = (events, durationMillis) =>
		timed(durationMillis, async (deadline) => {
			let i = 0;
			const n = events.length;
			for (;;) {
				for (let j = 0; j < PRODUCER_CHUNK; j++) {
					const e = events[i++ % n];
					try {
						await publishUpstream(transport, e.kind, e.data);
					} catch {
						// the ZodError of an invalid event
					}
				}
				if (performance.now() >= deadline) break;
				await macrotask();
			}
			return i;
		});
	return { drive, counter };
}

async function timed(durationMillis, body) {
	const cpu0 = mainThreadCpuNanos();
	const all0 = processCpuNanos();
	const t0 = performance.now();
	const events = await body(t0 + durationMillis);
	const ms = performance.now() - t0;
	return {
		events,
		ms,
		eventsPerSecond: (events * 1000) / ms,
		mainCpuNanosPerEvent: (mainThreadCpuNanos() - cpu0) / events,
		processCpuNanosPerEvent: (processCpuNanos() - all0) / events,
	};
}

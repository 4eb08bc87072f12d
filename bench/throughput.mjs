#!/usr/bin/env node
// Question 2: end-to-end events/s (emit → in-process bus subscriber) and CPU per event, sync mode,
// batching with inline and with worker validation, against the upstream-equivalent pipeline (zod 3
// parse + createEnvelope's zod 3 Envelope parse + awaited inproc publish per event). Each sample is
// a fresh process: warm-up, then TIME_MS of a producer that yields every 1,024 events and awaits
// `ready()` on backpressure, then `flush()`. Main-thread CPU from schedstat; the GC share is the
// time of the GC pauses (perf_hooks `gc` entries) over the wall time of the measured run.
import { PerformanceObserver } from 'node:perf_hooks';
import {
	caseSpec,
	createRows,
	macrotask,
	printResult,
	runCase,
	SMOKE,
	step,
	TIME_MS,
} from './lib/child.mjs';
import {
	countingPublisher,
	createUpstreamDriver,
	drivePublisher,
	loadEvents,
} from './lib/pipeline.mjs';

const FILE = 'bench/throughput.mjs';
const RUNS = SMOKE ? 1 : 5;

/** name → [how the child builds it, invalid share, zod major installed] */
const CASES = [
	['baseline: upstream-equivalent pipeline (zod 3, per-event awaited publish)', 'upstream', 0, 4],
	['sync mode (default, compat)', 'sync', 0, 4],
	['sync mode, zod 3.25.76 installed', 'sync', 0, 3],
	['batching, inline validation', 'inline', 0, 4],
	['batching, worker validation', 'worker', 0, 4],
	['batching, inline validation, zod 3.25.76 installed', 'inline', 0, 3],
	['baseline: upstream-equivalent pipeline, 1 % invalid', 'upstream', 0.01, 4],
	['batching, inline validation, 1 % invalid', 'inline', 0.01, 4],
	['batching, inline validation, zod 3.25.76 installed, 1 % invalid', 'inline', 0.01, 3],
];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, mode, invalidShare, zod] of CASES) {
			step(`run ${run}/${RUNS}: ${name}`);
			const r = runCase(FILE, { mode, invalidShare }, { env: { BENCH_ZOD: String(zod) } });
			const base = invalidShare ? CASES[6][0] : CASES[0][0];
			const add = (what, unit, value, extra = {}) =>
				rows.add(`${name}: ${what}`, unit, value, { baseline: `${base}: ${what}`, ...extra });
			add('events/s', 'ev/s', r.eventsPerSecond, { higherIsBetter: true });
			add('main-thread CPU/event', 'ns', r.mainCpuNanosPerEvent);
			add('all-threads CPU/event', 'ns', r.processCpuNanosPerEvent);
			rows.add(`${name}: GC share of wall time`, '%', r.gcPercent);
		}
	}
	const order = ['events/s', 'main-thread CPU/event', 'all-threads CPU/event', 'GC share'];
	const metric = (row) => order.findIndex((m) => row.name.includes(`: ${m}`));
	return { rows: rows.list().sort((a, b) => metric(a) - metric(b)), notes: NOTES };
}

async function measure({ mode, invalidShare }) {
	const events = await loadEvents(10_000, invalidShare);
	const warmMillis = Math.min(300, TIME_MS);
	if (mode === 'upstream') {
		const { drive } = await createUpstreamDriver();
		await drive(events, warmMillis);
		return withGcShare(() => drive(events, TIME_MS));
	}
	const options = mode === 'sync' ? {} : { batching: { enabled: true, validation: mode } };
	const { publisher, counter } = countingPublisher(options);
	await drivePublisher(publisher, events, warmMillis);
	const before = { ...publisher.stats(), delivered: counter.delivered };
	const result = await withGcShare(() => drivePublisher(publisher, events, TIME_MS));
	const delivered = counter.delivered - before.delivered;
	const invalid = publisher.stats().invalid - before.invalid;
	await publisher.close();
	if (delivered + invalid !== result.events) {
		throw new Error(
			`${mode}: ${result.events} emitted but ${delivered} delivered + ${invalid} invalid`,
		);
	}
	return result;
}

/** `run()`'s result with `gcPercent`: GC pause time during the run over its wall time, in %. */
async function withGcShare(run) {
	let gcMillis = 0;
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) gcMillis += entry.duration;
	});
	observer.observe({ entryTypes: ['gc'] });
	const result = await run();
	await macrotask(); // entries are delivered after the run's last pause
	observer.disconnect();
	return { ...result, gcPercent: (100 * gcMillis) / result.ms };
}

const NOTES = [
	'Events: 10,000 varied events of the four kinds (bench/lib/event-mix.ts) emitted round-robin; the producer yields to the event loop every 1,024 events and awaits `ready()` when `emit` returns `backpressure`; the clock stops when `flush()` resolves and every event reached the subscriber. Batching uses the defaults (maxBatchSize 25, window 10 ms, validation on one worker thread for the worker rows).',
	'"× baseline" for CPU rows is baseline CPU ÷ candidate CPU (how many times less CPU per event). All-threads CPU includes the GC helper threads and, for the worker rows, the validation worker.',
	'Sync mode (the compat default) sends every event in its own bus call. On a bus that completes a call before returning (`publishBatchSync`, which the in-process bus has), the event is validated, sent and settled during its `emit` call: no promise, flight record or closure per event, so almost nothing outlives a scavenge. Other buses go through the asynchronous path (per-call promise, timeout watchdog).',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

#!/usr/bin/env node
// Question 2c: where an event's main-thread CPU goes in batching mode: inside the `emit()` call
// (capture at emit: the compiled fast path's stripped copy, or Zod's verdict for the events it
// cannot vouch for; the queue write) vs the drain (batching, envelopes, the in-process bus). Same
// producer as question 2 (10,000 varied events, yields every 1,024, `ready()` on backpressure),
// one fresh process per sample. "Inside emit()" is the median time of the synchronous loops of
// 1,024 emits (the drain never runs inside them; the median leaves out loops that the OS
// interrupted), per event; the main thread's CPU per event comes from schedstat.
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
import { mainThreadCpuNanos } from './lib/measure.mjs';
import { countingPublisher, loadEvents, PRODUCER_CHUNK } from './lib/pipeline.mjs';
import { median } from './lib/stats.mjs';

const FILE = 'bench/emit-cost.mjs';
const RUNS = SMOKE ? 1 : 5;

/** name → [validation, invalid share] */
const CASES = [
	['batching, inline validation', 'inline', 0],
	['batching, inline validation, 1 % invalid', 'inline', 0.01],
	['batching, worker validation', 'worker', 0],
];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, validation, invalidShare] of CASES) {
			step(`run ${run}/${RUNS}: ${name}`);
			const r = runCase(FILE, { validation, invalidShare });
			rows.add(`${name}: inside emit()`, 'ns', r.emitNanosPerEvent);
			rows.add(`${name}: drain and delivery`, 'ns', r.mainCpuNanosPerEvent - r.emitNanosPerEvent);
			rows.add(`${name}: main-thread CPU/event`, 'ns', r.mainCpuNanosPerEvent);
			rows.add(`${name}: events/s`, 'ev/s', r.eventsPerSecond, { higherIsBetter: true });
		}
	}
	return { rows: rows.list(), notes: NOTES };
}

async function measure({ validation, invalidShare }) {
	const events = await loadEvents(10_000, invalidShare);
	const { publisher, counter } = countingPublisher({ batching: { enabled: true, validation } });
	const emitOne = (e) => publisher.emit(e.topic, e.data);
	await drive(publisher, events, emitOne, Math.min(300, TIME_MS));
	const delivered0 = counter.delivered;
	const result = await drive(publisher, events, emitOne, TIME_MS);
	await publisher.close();
	if (counter.delivered === delivered0) throw new Error('nothing was delivered');
	return result;
}

async function drive(publisher, events, emitOne, durationMillis) {
	const cpu0 = mainThreadCpuNanos();
	const t0 = performance.now();
	const chunkMillis = [];
	let i = 0;
	for (;;) {
		const start = performance.now();
		let waited = false;
		for (let j = 0; j < PRODUCER_CHUNK; j++) {
			if (emitOne(events[i++ % events.length]) !== 'backpressure') continue;
			waited = true;
			await publisher.ready();
		}
		if (!waited) chunkMillis.push(performance.now() - start);
		if (performance.now() >= t0 + durationMillis) break;
		await macrotask();
	}
	await publisher.flush();
	const ms = performance.now() - t0;
	return {
		events: i,
		eventsPerSecond: (i * 1000) / ms,
		emitNanosPerEvent: (median(chunkMillis) * 1e6) / PRODUCER_CHUNK,
		mainCpuNanosPerEvent: (mainThreadCpuNanos() - cpu0) / i,
	};
}

const NOTES = [
	'"inside emit()" is the median time of a synchronous loop of 1,024 emits, per event: the capture at emit (the compiled fast path builds a fresh, stripped copy of a valid event; Zod `safeParse` judges the others at the call) and the queue write. "drain and delivery" is the rest of the main-thread CPU per event: batches, envelopes, the bus call, the subscriber, and the garbage collector.',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

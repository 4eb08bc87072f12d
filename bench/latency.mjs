#!/usr/bin/env node
// Question 4: emit → delivered latency (until the in-process subscriber runs) at steady rates of
// 1k, 10k and 100k events/s and for an idle publisher (one event every 25 ms, longer than the
// 10 ms window), batching with the defaults; sync mode at 10k events/s as the no-batching reference.
// Fresh process per sample; a 1 ms timer paces the producer, emitting what is due at each tick.
import { caseSpec, createRows, printResult, runCase, SMOKE, step, TIME_MS } from './lib/child.mjs';
import { percentiles } from './lib/measure.mjs';
import { countingPublisher } from './lib/pipeline.mjs';

const FILE = 'bench/latency.mjs';
const RUNS = SMOKE ? 1 : 3;
const IDLE_GAP_MILLIS = 25;
const TOPIC = 'integrations.data.synced';

export const CASES = [
	['batching (defaults), idle: 1 event / 25 ms', { batching: true, rate: 0 }],
	['batching (defaults), 1k ev/s', { batching: true, rate: 1_000 }],
	['batching (defaults), 10k ev/s', { batching: true, rate: 10_000 }],
	['batching (defaults), 100k ev/s', { batching: true, rate: 100_000 }],
	['reference: sync mode, 10k ev/s', { batching: false, rate: 10_000 }],
];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, spec] of CASES) {
			step(`run ${run}/${RUNS}: ${name}`);
			const r = runCase(FILE, { ...spec, durationMillis: Math.max(TIME_MS, 200) });
			for (const key of ['p50', 'p95', 'p99', 'max']) rows.add(`${name}: ${key}`, 'ms', r[key]);
			rows.add(`${name}: rate reached`, 'ev/s', r.rate, { higherIsBetter: true });
		}
	}
	return { rows: rows.list(), notes: NOTES };
}

/** Runs the producer for `durationMillis`; returns latency percentiles (ms) and the rate reached. */
export async function measureLatency({ batching, rate, durationMillis }, extraBatching = {}) {
	const options = batching ? { batching: { enabled: true, ...extraBatching } } : {};
	const { publisher } = countingPublisher(options);
	const capacity = rate ? Math.ceil((rate * durationMillis) / 1000) + 1024 : 4096;
	const sentAt = new Float64Array(capacity);
	const latencies = new Float64Array(capacity);
	let received = 0;
	publisher.bus.subscribe(TOPIC, (envelope) => {
		latencies[received++] = performance.now() - sentAt[envelope.data.recordsProcessed];
	});
	const emitOne = (seq) => {
		sentAt[seq] = performance.now();
		publisher.emit(TOPIC, event(seq));
	};
	await pace(emitOne, 200, rate); // warm-up, not recorded
	await publisher.flush();
	received = 0;
	const sent = await pace(emitOne, durationMillis, rate);
	await publisher.flush();
	await publisher.close();
	if (received !== sent) throw new Error(`${sent} emitted, ${received} delivered`);
	return { ...percentiles(latencies, received), rate: (sent * 1000) / durationMillis };
}

/** Emits at `rate` events/s (or one event per IDLE_GAP_MILLIS when 0) for `durationMillis`. */
function pace(emitOne, durationMillis, rate) {
	return new Promise((resolve) => {
		const t0 = performance.now();
		let sent = 0;
		const tick = () => {
			const elapsed = performance.now() - t0;
			const due = rate ? Math.floor((rate * Math.min(elapsed, durationMillis)) / 1000) : sent + 1;
			while (sent < due) emitOne(sent++);
			if (elapsed >= durationMillis) resolve(sent);
			else setTimeout(tick, rate ? 1 : IDLE_GAP_MILLIS);
		};
		tick();
	});
}

const event = (seq) => ({
	integrationId: `int-${seq % 97}`,
	syncId: `sync-${seq}`,
	direction: 'inbound',
	recordsProcessed: seq,
	status: 'completed',
	syncedAt: '2026-01-01T00:00:00.000Z',
});

const NOTES = [
	'Latency runs from just before `emit` to the subscriber call. The producer is paced by a 1 ms timer and emits every event due at each tick, so at 10k ev/s events arrive in bursts of ~10–15 per tick. "Idle" emits one event every 25 ms: with the 10 ms window, an event held for the window would show ≥ 10 ms.',
];

if (process.argv[1]?.endsWith('latency.mjs')) {
	const spec = caseSpec();
	printResult(spec ? await measureLatency(spec) : await parent());
}

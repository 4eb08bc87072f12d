#!/usr/bin/env node
// Question 9b: peak RSS for a 1M-event burst into a publisher whose queue holds 100k events, and
// whether the drops are counted exactly. Fresh process per sample (peak RSS is per process):
// - one go: 1M events emitted in one synchronous loop: the queue fills to 100k and exactly 900k
//   are dropped (drop-newest), each reported to onDrop;
// - 1k chunks: the producer yields every 1,000 events, so the queue drains meanwhile;
// - reference: the same process (library loaded, events prepared) without the burst.
// Each emitted event is a fresh object, as a service receiving events would create them.
import {
	caseSpec,
	createRows,
	macrotask,
	printResult,
	runCase,
	SMOKE,
	step,
} from './lib/child.mjs';
import { peakRssBytes } from './lib/measure.mjs';
import { countingPublisher, loadEvents } from './lib/pipeline.mjs';

const FILE = 'bench/burst-rss.mjs';
const RUNS = SMOKE ? 1 : 3;
const BURST = SMOKE ? 100_000 : 1_000_000;
const QUEUE = SMOKE ? 10_000 : 100_000;
const MB = 1024 * 1024;

const CASES = [
	['reference: library loaded, no burst', 'reference'],
	['1M burst in one go, 100k queue', 'oneGo'],
	['1M burst in 1k chunks, 100k queue', 'chunks'],
];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, shape] of CASES) {
			step(`run ${run}/${RUNS}: ${name}`);
			const r = runCase(FILE, { shape });
			rows.add(`${name}: peak RSS`, 'MB', r.peakRss / MB);
			if (shape === 'reference') continue;
			rows.add(`${name}: dropped`, 'events', r.dropped);
			rows.add(`${name}: delivered`, 'events', r.delivered);
			rows.add(
				`${name}: accounting error (offered − settled, onDrop − dropped)`,
				'events',
				r.accountingError,
			);
		}
	}
	return { rows: rows.list(), notes: NOTES };
}

async function measure({ shape }) {
	const events = await loadEvents(10_000);
	let onDrop = 0;
	const { publisher, counter } = countingPublisher({
		batching: { enabled: true, maxQueueSize: QUEUE },
		onDrop: () => {
			onDrop++;
		},
	});
	if (shape !== 'reference') {
		for (let i = 0; i < BURST; i++) {
			const e = events[i % events.length];
			publisher.emit(e.topic, { ...e.data });
			if (shape === 'chunks' && i % 1000 === 999) await macrotask();
		}
	}
	await publisher.flush();
	const peakRss = peakRssBytes();
	const s = publisher.stats();
	await publisher.close();
	const settled = s.delivered + s.invalid + s.dropped + s.deadLettered;
	const expectedDrops = shape === 'oneGo' ? BURST - QUEUE : s.dropped;
	const accountingError =
		Math.abs(s.offered - settled) +
		Math.abs(onDrop - s.dropped) +
		Math.abs(counter.delivered - s.delivered) +
		Math.abs(expectedDrops - s.dropped);
	return { peakRss, dropped: s.dropped, delivered: s.delivered, accountingError };
}

const NOTES = [
	'Peak RSS is `process.resourceUsage().maxRSS` of the whole process at the end (Node itself, the library, zod and 10k prepared events included: see the reference row). Batching defaults except `maxQueueSize`; overflow `drop-newest`.',
	'Accounting error adds |offered − (delivered + invalid + dropped + deadLettered)|, |onDrop calls − dropped|, |subscriber deliveries − delivered| and, for the one-go burst, |900,000 − dropped|: 0 means the drops are exact.',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

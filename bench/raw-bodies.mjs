#!/usr/bin/env node
// Question 5: raw JSON bodies (`emitRaw`, e.g. webhook request bodies) validated on the worker pool
// vs inline (JSON.parse + safeParse on the main thread), by body size, into the in-process bus:
// events/s end to end and main-thread CPU per body, beside what the one copy of a body costs the
// main thread (measured in the same run, beside a thread parsing the same bodies). The crossover
// decides the default `workers.minRawBodyBytes` of `validation: 'auto'`. Fresh process per sample;
// batching defaults otherwise (one worker thread on this 2-core machine).
import { PUBLISHER_DEFAULTS } from '../dist/index.js';
import { caseSpec, createRows, printResult, runCase, SMOKE, step } from './lib/child.mjs';
import { measureCopy, measurePublisher } from './lib/raw-body-cases.mjs';
import { median } from './lib/stats.mjs';
import { sizeLabel } from './lib/webhook-bodies.mjs';

const FILE = 'bench/raw-bodies.mjs';
const RUNS = SMOKE ? 1 : 5;
const SIZES = SMOKE ? [256, 16_384] : [256, 1_024, 4_096, 16_384, 65_536];
const INLINE = 'inline (main thread parses and validates)';
const WORKER = 'worker pool';
const COPY = 'the one copy (isUtf8 + memcpy into a reused slab)';

async function parent() {
	const rows = createRows();
	const cells = new Map();
	for (let run = 1; run <= RUNS; run++) {
		for (const size of SIZES) {
			step(`run ${run}/${RUNS}: ${sizeLabel(size)} bodies`);
			const inline = runCase(FILE, { mode: 'inline', size });
			const worker = runCase(FILE, { mode: 'worker', size });
			const copy = runCase(FILE, { mode: 'copy', size });
			addRows(rows, size, inline, worker, copy);
			for (const [mode, r] of [
				['inline', inline],
				['worker', worker],
			]) {
				const key = `${size}/${mode}`;
				cells.set(key, [...(cells.get(key) ?? []), r]);
			}
		}
	}
	const crossover = findCrossover(cells);
	const defaultMinRawBodyBytes = PUBLISHER_DEFAULTS.minRawBodyBytes;
	return { rows: rows.list(), notes: notes(crossover), crossover, defaultMinRawBodyBytes };
}

function addRows(rows, size, inline, worker, copy) {
	const at = sizeLabel(size);
	const cpu = (r) => r.mainCpuNanosPerEvent / 1000;
	const base = `${at}, ${INLINE}`;
	rows.add(`${base}: events/s`, 'ev/s', inline.eventsPerSecond, { higherIsBetter: true });
	rows.add(`${at}, ${WORKER}: events/s`, 'ev/s', worker.eventsPerSecond, {
		higherIsBetter: true,
		baseline: `${base}: events/s`,
	});
	rows.add(`${base}: main-thread CPU/body`, 'µs', cpu(inline));
	const baseline = `${base}: main-thread CPU/body`;
	rows.add(`${at}, ${WORKER}: main-thread CPU/body`, 'µs', cpu(worker), { baseline });
	rows.add(`${at}, ${COPY}: main-thread CPU/body`, 'µs', cpu(copy), { baseline });
	rows.add(`${at}, ${WORKER}: main-thread CPU/body beyond the copy`, 'µs', cpu(worker) - cpu(copy));
	rows.add(`${at}, ${WORKER}: CPU/body, all threads`, 'µs', worker.processCpuNanosPerEvent / 1000, {
		baseline: `${base}: main-thread CPU/body`,
	});
}

/** Smallest sizes from which the worker pool wins on main-thread CPU and on events/s. */
function findCrossover(cells) {
	const med = (size, mode, key) => median(cells.get(`${size}/${mode}`).map((r) => r[key]));
	const from = (wins) => {
		let at = null;
		for (const size of [...SIZES].reverse()) {
			if (!wins(size)) break;
			at = size;
		}
		return at;
	};
	return {
		cpuBytes: from(
			(s) => med(s, 'worker', 'mainCpuNanosPerEvent') < med(s, 'inline', 'mainCpuNanosPerEvent'),
		),
		throughputBytes: from(
			(s) => med(s, 'worker', 'eventsPerSecond') >= med(s, 'inline', 'eventsPerSecond'),
		),
	};
}

function notes({ cpuBytes, throughputBytes }) {
	const sizes = `the sizes measured (up to ${sizeLabel(SIZES.at(-1))})`;
	const cpu =
		cpuBytes === null
			? `never costs the main thread less CPU per body than inline parsing at ${sizes}`
			: `costs the main thread less CPU per body than inline parsing from ${sizeLabel(cpuBytes)} on`;
	const rate =
		throughputBytes === null
			? `never delivers as many events/s at ${sizes}`
			: `delivers at least as many events/s from ${sizeLabel(throughputBytes)} on`;
	return [
		`**Measured crossover:** the worker pool ${cpu}, and ${rate}. \`workers.minRawBodyBytes\` (default ${sizeLabel(PUBLISHER_DEFAULTS.minRawBodyBytes)}) is where \`auto\` switches to workers: smaller bodies are parsed inline, which delivers more events/s below the throughput crossover on this 2-core machine (one worker thread, the default here) but costs the main thread more.`,
		'Bodies: a valid `integrations.webhook.received` event plus a `payload` of line items up to the size (stripped by the schema, so validation cost is the same at every size; parsing cost grows). 64 distinct bodies, emitted as `Uint8Array` round-robin as fast as `emit` takes them (awaiting `ready()` on backpressure), in fresh processes, after a 500 ms warm-up; "× baseline" compares with inline at the same size.',
		'"The one copy" is what a body must cost the main thread on the worker path: `isUtf8` and one copy into reused shared slabs, as `emitRaw` does, measured in its own process into as much memory as the queue holds at its high-water mark (4,096 bodies: from 1 MiB at 256 B to 256 MiB at 64 KB, where copies miss the caches) while a second thread parses the same bodies (the worker’s load: on this VM a copy costs two to three times more beside it than alone). "Beyond the copy" is the worker path’s main-thread CPU minus that, per run: worker messages, envelopes, delivery and accounting (target ≤ 1 µs).',
	];
}

async function measure(spec) {
	return spec.mode === 'copy' ? measureCopy(spec) : measurePublisher(spec);
}

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

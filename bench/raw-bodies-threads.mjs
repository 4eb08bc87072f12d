#!/usr/bin/env node
// Question 5c: how the worker path scales with the pool's threads (1, 2 and 4 on this 2-core
// machine), raw bodies into the in-process bus: events/s, main-thread CPU per body and CPU per body
// over all threads, against inline validation at the same size. Fresh process per sample.
import { availableParallelism } from 'node:os';
import { caseSpec, createRows, printResult, runCase, SMOKE, step } from './lib/child.mjs';
import { measurePublisher } from './lib/raw-body-cases.mjs';
import { sizeLabel } from './lib/webhook-bodies.mjs';

const FILE = 'bench/raw-bodies-threads.mjs';
const RUNS = SMOKE ? 1 : 3;
const SIZES = SMOKE ? [4_096] : [4_096, 16_384, 65_536];
const THREADS = SMOKE ? [1, 2] : [1, 2, 4];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const size of SIZES) {
			step(`run ${run}/${RUNS}: ${sizeLabel(size)} bodies, inline and 1–4 worker threads`);
			const at = sizeLabel(size);
			const inline = runCase(FILE, { mode: 'inline', size });
			addRows(rows, `${at}, inline`, inline, `${at}, inline`);
			for (const threads of THREADS) {
				const r = runCase(FILE, { mode: 'worker', size, threads });
				addRows(rows, `${at}, worker pool, ${threadLabel(threads)}`, r, `${at}, inline`);
			}
		}
	}
	return { rows: rows.list(), notes: notes() };
}

const threadLabel = (n) => `${n} thread${n === 1 ? '' : 's'}`;

function addRows(rows, name, r, inline) {
	rows.add(`${name}: events/s`, 'ev/s', r.eventsPerSecond, {
		higherIsBetter: true,
		baseline: `${inline}: events/s`,
	});
	rows.add(`${name}: main-thread CPU/body`, 'µs', r.mainCpuNanosPerEvent / 1000, {
		baseline: `${inline}: main-thread CPU/body`,
	});
	rows.add(`${name}: CPU/body, all threads`, 'µs', r.processCpuNanosPerEvent / 1000, {
		baseline: `${inline}: CPU/body, all threads`,
	});
}

function notes() {
	return [
		`Bodies and driving as in question 5; \`batching.workers.maxThreads\` set per row. This machine has ${availableParallelism()} cores (\`os.availableParallelism()\`), so the default pool is ${Math.max(1, availableParallelism() - 1)} thread${availableParallelism() - 1 > 1 ? 's' : ''} (one core left to the main thread); 2 and 4 threads put more threads than cores to work, beside the main thread and other tenants of the VM.`,
	];
}

async function measure(spec) {
	return measurePublisher(spec);
}

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

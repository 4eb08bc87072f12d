#!/usr/bin/env node
// Records issue 19's figures (worker validation of raw bodies) before and after, side by side in
// one run, into the kept section `raw-body-workers` of bench/RESULTS.md (which `npm run bench`
// carries over). Every sample is a fresh process (bench/lib/raw-body-cases.mjs, loop-delay.mjs);
// the two builds alternate case by case, so the machine's load moves both alike.
//   node bench/raw-bodies-record.mjs --before <old>/dist/index.js [--after <new>/dist/index.js]
// Without --after, this repository's dist/ is measured (build it first). Takes about 20 minutes;
// BENCH_SMOKE=1 runs one sample of one size per case and prints the section instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCase, SMOKE, step } from './lib/child.mjs';
import { fmtValue } from './lib/format.mjs';
import { withKeptSection } from './lib/kept-sections.mjs';
import { startNatsServer } from './lib/raw-body-cases.mjs';
import { median } from './lib/stats.mjs';
import { sizeLabel } from './lib/webhook-bodies.mjs';

const arg = (name) => {
	const at = process.argv.indexOf(name);
	return at < 0 ? undefined : process.argv[at + 1];
};
const BEFORE = arg('--before');
const AFTER = arg('--after');
if (!BEFORE) {
	console.error(
		'usage: node bench/raw-bodies-record.mjs --before <dist/index.js> [--after <dist/index.js>]',
	);
	process.exit(2);
}
const SIZES = SMOKE ? [1_024] : [256, 1_024, 4_096, 16_384, 65_536];
const THREAD_SIZES = SMOKE ? [4_096] : [4_096, 16_384, 65_536];
const RUNS = SMOKE
	? { inProcess: 1, nats: 1, threads: 1, stall: 1 }
	: { inProcess: 5, nats: 3, threads: 3, stall: 3 };
const root = fileURLToPath(new URL('..', import.meta.url));
const builds = { before: BEFORE, after: AFTER };
const samples = new Map();
const loads = [];

/** Runs one case of `file` in a fresh process on `build` and files its result under `key`. */
function sample(key, file, spec, build = 'after', env = {}) {
	const dist = builds[build];
	const r = runCase(file, spec, { env: { ...env, ...(dist ? { BENCH_DIST: dist } : {}) } });
	samples.set(key, [...(samples.get(key) ?? []), r]);
	loads.push(loadavg()[0]);
}

const med = (key, field) => median((samples.get(key) ?? []).map((r) => r[field]));

function recordInProcess() {
	for (let run = 1; run <= RUNS.inProcess; run++) {
		for (const size of SIZES) {
			step(`in-process ${run}/${RUNS.inProcess}: ${sizeLabel(size)}`);
			for (const build of ['before', 'after']) {
				sample(
					`ip/${build}/worker/${size}`,
					'bench/raw-bodies.mjs',
					{ mode: 'worker', size },
					build,
				);
				sample(
					`ip/${build}/inline/${size}`,
					'bench/raw-bodies.mjs',
					{ mode: 'inline', size },
					build,
				);
			}
			sample(`ip/copy/${size}`, 'bench/raw-bodies.mjs', { mode: 'copy', size });
		}
	}
}

function recordNats() {
	const server = startNatsServer();
	try {
		for (let run = 1; run <= RUNS.nats; run++) {
			for (const size of SIZES) {
				step(`core NATS ${run}/${RUNS.nats}: ${sizeLabel(size)}`);
				const url = server.url;
				for (const build of ['before', 'after']) {
					const spec = { mode: 'worker', size, url };
					sample(`nats/${build}/worker/${size}`, 'bench/raw-bodies-nats.mjs', spec, build);
				}
				const file = 'bench/raw-bodies-nats.mjs';
				sample(`nats/after/inline/${size}`, file, { mode: 'inline', size, url });
				sample(`nats/floor/${size}`, file, { mode: 'floor', size, url });
			}
		}
	} finally {
		server.stop();
	}
}

function recordThreads() {
	for (let run = 1; run <= RUNS.threads; run++) {
		for (const size of THREAD_SIZES) {
			step(`threads ${run}/${RUNS.threads}: ${sizeLabel(size)}`);
			const file = 'bench/raw-bodies-threads.mjs';
			sample(`threads/inline/${size}`, file, { mode: 'inline', size });
			for (const threads of [1, 2, 4]) {
				sample(`threads/${threads}/${size}`, file, { mode: 'worker', size, threads });
			}
		}
	}
}

function recordStall() {
	for (let run = 1; run <= RUNS.stall; run++) {
		step(`200k raw-body burst ${run}/${RUNS.stall}`);
		for (const shape of ['chunks', 'oneGo']) {
			for (const burst of ['first', 'second']) {
				const spec = { mode: 'worker', shape, burst, raw: true };
				const file = 'bench/loop-delay.mjs';
				sample(`stall/before/${shape}/${burst}`, file, spec, 'before');
				sample(`stall/after/${shape}/${burst}`, file, spec, 'after');
				// Two worker threads on the 2 cores (INTEGRATIONS_WORKERS, read by the publisher).
				const two = { INTEGRATIONS_WORKERS: '2' };
				sample(`stall/after2/${shape}/${burst}`, file, spec, 'after', two);
			}
		}
	}
}

const us = (nanos) => `${fmtValue(nanos / 1000)} µs`;
const ratio = (a, b) => `${fmtValue(a / b)}×`;

function inProcessTables() {
	const cpu = (key) => med(key, 'mainCpuNanosPerEvent');
	const rate = (key) => med(key, 'eventsPerSecond');
	const lines = [
		'| body size | inline | worker, before | worker, after | after ÷ before | the one copy | after, beyond the copy |',
		'|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const size of SIZES) {
		const [inline, before, after, copy] = [
			cpu(`ip/after/inline/${size}`),
			cpu(`ip/before/worker/${size}`),
			cpu(`ip/after/worker/${size}`),
			cpu(`ip/copy/${size}`),
		];
		lines.push(
			`| ${sizeLabel(size)} | ${us(inline)} | ${us(before)} | ${us(after)} | ${ratio(after, before)} | ${us(copy)} | ${us(after - copy)} |`,
		);
	}
	lines.push(
		'',
		'| body size | inline, before | inline, after | worker, before | worker, after | worker ÷ inline, after |',
		'|---|---:|---:|---:|---:|---:|',
	);
	for (const size of SIZES) {
		const cells = ['before/inline', 'after/inline', 'before/worker', 'after/worker'].map((k) =>
			rate(`ip/${k}/${size}`),
		);
		const shown = cells.map((v) => `${fmtValue(v)} ev/s`).join(' | ');
		lines.push(`| ${sizeLabel(size)} | ${shown} | ${ratio(cells[3], cells[1])} |`);
	}
	return lines;
}

function natsTable() {
	const cpu = (key) => med(key, 'mainCpuNanosPerEvent');
	const lines = [
		'| body size | inline | worker, before | worker, after | after ÷ before | the adapter alone | after, beyond the adapter and the copy |',
		'|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const size of SIZES) {
		const before = cpu(`nats/before/worker/${size}`);
		const after = cpu(`nats/after/worker/${size}`);
		const floor = cpu(`nats/floor/${size}`);
		const beyond = after - floor - cpu(`ip/copy/${size}`);
		lines.push(
			`| ${sizeLabel(size)} | ${us(cpu(`nats/after/inline/${size}`))} | ${us(before)} | ${us(after)} | ${ratio(after, before)} | ${us(floor)} | ${us(beyond)} |`,
		);
	}
	return lines;
}

function threadsTable() {
	const lines = [
		'| body size | inline | 1 thread | 2 threads | 4 threads |',
		'|---|---:|---:|---:|---:|',
	];
	for (const size of THREAD_SIZES) {
		const cell = (key) =>
			`${fmtValue(med(key, 'eventsPerSecond'))} ev/s, ${us(med(key, 'mainCpuNanosPerEvent'))} main, ${us(med(key, 'processCpuNanosPerEvent'))} all`;
		const threads = [1, 2, 4].map((t) => cell(`threads/${t}/${size}`)).join(' | ');
		lines.push(`| ${sizeLabel(size)} | ${cell(`threads/inline/${size}`)} | ${threads} |`);
	}
	return lines;
}

function stallTable() {
	const stall = (key) => `${fmtValue(Math.max(0, med(key, 'max') - 1))} ms`;
	const gc = (key) => `${fmtValue(med(key, 'gcMax'))} ms`;
	const lines = [
		'| 200k raw 1 KB bodies on workers | longest stall, before | longest stall, after | after, 2 threads | longest GC pause, before → after → 2 threads | drained in, before → after → 2 threads |',
		'|---|---:|---:|---:|---:|---:|',
	];
	for (const [shape, label] of [
		['chunks', 'emitted in 1k chunks'],
		['oneGo', 'emitted in one go (drain only)'],
	]) {
		for (const burst of ['second', 'first']) {
			const keys = ['before', 'after', 'after2'].map((build) => `stall/${build}/${shape}/${burst}`);
			const [b, a, two] = keys;
			const drained = keys.map((k) => fmtValue(med(k, 'durationMillis'))).join(' → ');
			const pauses = keys.map((k) => gc(k)).join(' → ');
			lines.push(
				`| ${label}, ${burst} burst | ${stall(b)} | ${stall(a)} | ${stall(two)} | ${pauses} | ${drained} ms |`,
			);
		}
	}
	return lines;
}

function section(startedAt) {
	return [
		'## Worker validation of raw bodies (issue 19): before / after',
		'',
		'Not written by `npm run bench`: recorded by `node bench/raw-bodies-record.mjs` (questions 5, 5b, 5c and',
		'the raw-body rows of question 3, on the build before issue 19 and on this one, alternating case by',
		`case, fresh processes), started ${startedAt}, ${process.version}. Other tenants kept the 2-core VM busy`,
		`(1-minute load average ${fmtValue(Math.min(...loads))}–${fmtValue(Math.max(...loads))}): read CPU per body and ratios within`,
		`a table. Medians of ${RUNS.inProcess} processes per cell (core NATS, threads and bursts: ${RUNS.nats}).`,
		'',
		'**Main-thread CPU per raw body, in-process bus** (the one copy: `isUtf8` + one memcpy into a reused',
		'slab beside a thread parsing the same bodies, as question 5 measures it; target beyond it ≤ 1 µs):',
		'',
		...inProcessTables(),
		'',
		'**Into core NATS** (structured encoding, the adapter’s batching preset; the adapter alone:',
		'ready-made envelopes through the same adapter; the copy as above):',
		'',
		...natsTable(),
		'',
		'**Threads** (`workers.maxThreads`; events/s, main-thread CPU per body, CPU per body over all threads):',
		'',
		...threadsTable(),
		'',
		'**Event-loop stall during a 200k-body burst** (question 3’s raw-body rows; target ≤ 5 ms on the second',
		'burst):',
		'',
		...stallTable(),
	].join('\n');
}

const startedAt = new Date().toISOString();
recordInProcess();
recordNats();
recordThreads();
recordStall();
if (SMOKE) {
	console.log(section(startedAt));
} else {
	const reportPath = `${root}bench/RESULTS.md`;
	const previous = readFileSync(reportPath, 'utf8');
	writeFileSync(reportPath, withKeptSection(previous, 'raw-body-workers', section(startedAt)));
	// Aligned as the repository's formatter wants it (the lint step checks bench/), as run.mjs does.
	spawnSync('npx', ['biome', 'format', '--write', 'bench/RESULTS.md'], {
		cwd: root,
		stdio: 'ignore',
	});
	mkdirSync(`${root}bench/.results`, { recursive: true });
	writeFileSync(`${root}bench/.results/raw-body-workers.json`, JSON.stringify([...samples]));
	console.log('wrote the raw-body-workers section of bench/RESULTS.md');
}

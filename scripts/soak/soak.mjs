#!/usr/bin/env node
// The soak (`npm run soak`, not part of `npm test`): minutes of mixed traffic through three
// batching publishers in parallel, one per overflow policy (drop-newest, drop-oldest, reject), each
// offering about 10× what its deliberately slow, fault-injecting bus takes (soak-bus.mjs), with
// raw bodies validated on worker threads (`auto`, small `workers.minRawBodyBytes`). Heap after GC
// and RSS are sampled every few seconds. It fails (exit 1) when any lane's accounting is off by even
// one event (soak-lane.mjs, `checkLane`), or when the heap after GC grows faster than
// HEAP_SLOPE_LIMIT_MB_PER_MIN after the warm-up. Prints a summary JSON on stdout.
//   npm run soak                      10 minutes
//   npm run soak -- --minutes 1       shorter
//   npm run soak -- --record          also writes the figures into bench/RESULTS.md (kept section)
//   options: --seed N, --sample-seconds N
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startMemorySampler, summarizeMemory } from './memory-sampler.mjs';
import { recordSoak } from './record-soak.mjs';
import { BUS_FAULTS } from './soak-bus.mjs';
import { createLane } from './soak-lane.mjs';

/** Heap growth after GC that fails the soak, in MB per minute (least-squares slope, after warm-up). */
export const HEAP_SLOPE_LIMIT_MB_PER_MIN = 0.5;
/**
 * Offers per second per lane: about 10× what a lane's faulty bus delivers (batches of 50, one call
 * in flight, 10–30 ms a call, minus invalid events, faults and the retries they cost: about 1,200
 * events/s measured). The run fails if offers were less than MIN_OVERLOAD × deliveries.
 */
const RATE_PER_LANE = 12_500;
const MIN_OVERLOAD = 5;
const POLICIES = ['drop-newest', 'drop-oldest', 'reject'];
const FLUSH_EVERY_MILLIS = 30_000;
const PROGRESS_EVERY_MILLIS = 60_000;

const { values: args } = parseArgs({
	options: {
		minutes: { type: 'string', default: '10' },
		seed: { type: 'string', default: '1' },
		'sample-seconds': { type: 'string', default: '5' },
		record: { type: 'boolean', default: false },
	},
});
const minutes = Number(args.minutes);
if (!(minutes > 0)) usage(`--minutes must be a positive number, got ${args.minutes}`);
if (typeof globalThis.gc !== 'function') usage('run node with --expose-gc (npm run soak does)');

const durationMillis = minutes * 60_000;
const warmupMillis = Math.min(60_000, durationMillis * 0.2);
const lib = await import('../../dist/index.js');
const ratePerSecond = RATE_PER_LANE;
const maxSeq = Math.ceil((ratePerSecond * durationMillis) / 1000) + ratePerSecond;

const summary = await soak();
process.stdout.write(`${JSON.stringify(summary, null, '\t')}\n`);
if (args.record) recordSoak(summary);
process.exitCode = summary.ok ? 0 : 1;
// Everything is closed: only a leaked handle could keep the process alive past this point.
setTimeout(() => {
	console.error('soak: something kept the process alive after close()');
	process.exit(3);
}, 10_000).unref();

async function soak() {
	const startedAt = new Date().toISOString();
	const seed = Number(args.seed);
	const lanes = POLICIES.map((policy, i) =>
		createLane({ lib, policy, seed: seed + i, ratePerSecond, maxSeq }),
	);
	const sampler = startMemorySampler(Number(args['sample-seconds']) * 1000);
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	const flushes = [];
	const flushTimer = setInterval(() => {
		for (const lane of lanes) flushes.push(lane.flushNow());
	}, FLUSH_EVERY_MILLIS);
	const progressTimer = setInterval(() => progress(lanes, sampler.samples), PROGRESS_EVERY_MILLIS);
	for (const lane of lanes) lane.start();
	await new Promise((resolve) => setTimeout(resolve, durationMillis));
	for (const lane of lanes) lane.stop();
	clearInterval(flushTimer);
	clearInterval(progressTimer);
	await Promise.all(flushes);
	const results = await Promise.all(lanes.map((lane) => lane.finish()));
	const memory = summarizeMemory(sampler.stop(), warmupMillis);
	loopDelay.disable();
	// Includes the soak's own full GCs; a stall past flushTimeoutMillis must not cost a duplicate.
	memory.eventLoopDelayMillis = {
		p99: Math.round(loopDelay.percentile(99) / 1e6),
		max: Math.round(loopDelay.max / 1e6),
	};
	return summarize({ startedAt, seed, results, memory });
}

function summarize({ startedAt, seed, results, memory }) {
	const failures = results.flatMap((result) => result.failures);
	const slope = memory.heapAfterGcMB.slopeMBPerMin;
	if (!(slope <= HEAP_SLOPE_LIMIT_MB_PER_MIN)) {
		failures.push(
			`heap after GC grew ${slope} MB/min after the warm-up (limit ${HEAP_SLOPE_LIMIT_MB_PER_MIN})`,
		);
	}
	const totals = sumOf(results.map((result) => result.stats));
	const seconds = durationMillis / 1000;
	const overloadFactor = Number((totals.offered / Math.max(1, totals.delivered)).toFixed(1));
	if (!(overloadFactor >= MIN_OVERLOAD))
		failures.push(`offers were only ${overloadFactor}× deliveries (at least ${MIN_OVERLOAD}×)`);
	return {
		ok: failures.length === 0,
		failures,
		startedAt,
		finishedAt: new Date().toISOString(),
		machine: `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
		minutes,
		seed,
		limits: { heapSlopeMBPerMin: HEAP_SLOPE_LIMIT_MB_PER_MIN },
		load: {
			offeredPerSecondPerLane: ratePerSecond,
			offeredPerSecond: Math.round(totals.offered / seconds),
			deliveredPerSecond: Math.round(totals.delivered / seconds),
			/** Offered over delivered: how far beyond what the faulty buses took the offers went. */
			overloadFactor,
			busFaults: BUS_FAULTS,
		},
		totals,
		lanes: results.map(({ policy, stats, tally, bus }) => laneSummary(policy, stats, tally, bus)),
		memory,
	};
}

function laneSummary(policy, stats, tally, bus) {
	return {
		policy,
		...stats,
		dropReasons: { ...tally.dropReasons, rejected: tally.rejectedThrows },
		emitStatuses: tally.statuses,
		midRunFlushes: tally.flushes,
		bus,
	};
}

function sumOf(statsList) {
	const totals = {};
	for (const stats of statsList) {
		for (const [key, value] of Object.entries(stats)) totals[key] = (totals[key] ?? 0) + value;
	}
	return totals;
}

function progress(lanes, samples) {
	const last = samples.at(-1);
	const heap = last ? `heap ${last.heapMB.toFixed(1)} MB, rss ${last.rssMB.toFixed(0)} MB` : '';
	const lines = lanes.map((lane) => {
		const s = lane.progress();
		return `  ${s.policy}: offered ${s.offered}, delivered ${s.delivered}, dropped ${s.dropped}, dead-lettered ${s.deadLettered}`;
	});
	console.error([`soak: ${Math.round(last?.atMillis / 1000)} s, ${heap}`, ...lines].join('\n'));
}

function usage(message) {
	console.error(`soak: ${message}\nusage: node --expose-gc scripts/soak/soak.mjs [--minutes N]`);
	process.exit(2);
}

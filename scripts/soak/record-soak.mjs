// Writes a soak's figures into bench/RESULTS.md as the kept section `soak`: bench/run.mjs carries
// it over when it regenerates the rest of the report (bench/lib/kept-sections.mjs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withKeptSection } from '../../bench/lib/kept-sections.mjs';
import { KINDS } from './soak-traffic.mjs';

const REPORT = fileURLToPath(new URL('../../bench/RESULTS.md', import.meta.url));
const n = (value) => value.toLocaleString('en-US');
const shareOf = (test) => KINDS.filter(test).reduce((sum, kind) => sum + kind.share, 0);
const MIX = `${shareOf((k) => k.name.startsWith('raw'))} % raw bodies (${shareOf((k) => ['raw-large', 'raw-invalid'].includes(k.name))} % over \`workers.minRawBodyBytes\`, validated on a worker), ${shareOf((k) => !k.valid)} % invalid`;

export function recordSoak(summary) {
	const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '# Benchmark results\n';
	writeFileSync(REPORT, withKeptSection(previous, 'soak', renderSoakSection(summary)));
	console.error('soak: wrote its section of bench/RESULTS.md');
}

/** The section: what ran, the verdict, one row per lane, and the memory figures. */
export function renderSoakSection(summary) {
	const { totals, memory, load } = summary;
	const heap = memory.heapAfterGcMB;
	const verdict = summary.ok
		? '**Passed**: accounting exact to the event in every lane, heap flat.'
		: `**Failed**: ${summary.failures.join('; ')}`;
	return [
		`## Soak: ${summary.minutes} minutes of overload and bus faults`,
		'',
		'Written by `npm run soak -- --record` (`scripts/soak/soak.mjs`), not by `npm run bench`;',
		'`bench/run.mjs` keeps this section when it regenerates the report.',
		'',
		`- Date: ${summary.finishedAt}; ${summary.machine}; seed ${summary.seed}`,
		`- Three batching publishers in parallel, one per overflow policy, each offering ${n(load.offeredPerSecondPerLane)} events/s, ${load.overloadFactor}× what its bus delivered (batches of 50, one call in flight, 10–30 ms a call). The bus throws, hangs past \`flushTimeoutMillis\`, rejects batches, fails single items, and has an outage of ${load.busFaults.outageMillis / 1000} s every ${load.busFaults.outageEveryMillis / 1000} s. Mixed traffic: four topics, three priorities, ${MIX}.`,
		`- ${verdict}`,
		'',
		'| lane (overflow) | offered | delivered | invalid | dropped | dead-lettered | retried | bus calls |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
		...summary.lanes.map(
			(l) =>
				`| ${l.policy} | ${n(l.offered)} | ${n(l.delivered)} | ${n(l.invalid)} | ${n(l.dropped)} | ${n(l.deadLettered)} | ${n(l.retried)} | ${n(l.bus.calls)} |`,
		),
		`| **all** | ${n(totals.offered)} | ${n(totals.delivered)} | ${n(totals.invalid)} | ${n(totals.dropped)} | ${n(totals.deadLettered)} | ${n(totals.retried)} | |`,
		'',
		'| memory | measured |',
		'|---|---:|',
		`| heap after GC, end of warm-up (${memory.warmupSeconds} s) → end | ${heap.start} → ${heap.end} MB |`,
		`| heap after GC, min – max after warm-up | ${heap.min} – ${heap.max} MB |`,
		`| heap after GC, least-squares slope (limit ${summary.limits.heapSlopeMBPerMin} MB/min) | ${heap.slopeMBPerMin} MB/min |`,
		`| RSS start → end; peak | ${memory.rssMB.start} → ${memory.rssMB.end} MB; ${memory.rssMB.peak} MB |`,
		`| RSS slope after warm-up (information only) | ${memory.rssMB.slopeMBPerMinAfterWarmup} MB/min |`,
		`| samples (every few seconds) | ${memory.samples} |`,
		`| event-loop delay p99; max (the soak's own full GCs included) | ${memory.eventLoopDelayMillis.p99} ms; ${memory.eventLoopDelayMillis.max} ms |`,
	].join('\n');
}

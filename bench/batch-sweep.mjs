#!/usr/bin/env node
import { measureLatency } from './latency.mjs';
// Question 6: batch size and window sweep. For each `maxBatchSize`: end-to-end events/s (the
// question 2 producer, inline validation); for each size × `maxDelayMillis`: p95 emit → delivered
// latency at a steady 10k events/s (the question 4 producer). Fresh process per cell. Draws
// bench/sweep.svg (written next to RESULTS.md by the runner).
import { caseSpec, createRows, printResult, runCase, SMOKE, step, TIME_MS } from './lib/child.mjs';
import { countingPublisher, drivePublisher, loadEvents } from './lib/pipeline.mjs';
import { median } from './lib/stats.mjs';
import { lineChartSvg } from './lib/svg-chart.mjs';

const FILE = 'bench/batch-sweep.mjs';
const RUNS = SMOKE ? 1 : 2;
const SIZES = SMOKE ? [1, 25, 500] : [1, 5, 25, 100, 500, 2000];
const WINDOWS = SMOKE ? [10] : [1, 10, 50];
const DEFAULT_SIZE = 25;
const DEFAULT_WINDOW = 10;
const MEASURE_MILLIS = Math.min(1000, TIME_MS);

const throughputName = (size) =>
	`batch ${size}${size === DEFAULT_SIZE ? ' (default)' : ''}: events/s`;
const latencyName = (size, window) =>
	`batch ${size}, window ${window} ms${size === DEFAULT_SIZE && window === DEFAULT_WINDOW ? ' (defaults)' : ''}: p95 at 10k ev/s`;

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const size of SIZES) {
			step(`run ${run}/${RUNS}: batch ${size}, events/s`);
			const r = runCase(FILE, { kind: 'throughput', maxBatchSize: size });
			rows.add(throughputName(size), 'ev/s', r.eventsPerSecond, {
				higherIsBetter: true,
				baseline: throughputName(DEFAULT_SIZE),
			});
		}
		for (const window of WINDOWS) {
			for (const size of SIZES) {
				step(`run ${run}/${RUNS}: batch ${size}, window ${window} ms, latency at 10k ev/s`);
				const r = runCase(FILE, { kind: 'latency', maxBatchSize: size, maxDelayMillis: window });
				rows.add(latencyName(size, window), 'ms', r.p95, {
					baseline: latencyName(DEFAULT_SIZE, DEFAULT_WINDOW),
				});
			}
		}
	}
	const list = rows.list();
	return { rows: list, notes: NOTES, artifacts: { 'sweep.svg': chart(list) } };
}

async function measure({ kind, maxBatchSize, maxDelayMillis }) {
	if (kind === 'latency') {
		return measureLatency(
			{ batching: true, rate: 10_000, durationMillis: MEASURE_MILLIS },
			{ maxBatchSize, maxDelayMillis },
		);
	}
	const events = await loadEvents(10_000);
	const batching = { enabled: true, validation: 'inline', maxBatchSize };
	const { publisher } = countingPublisher({ batching });
	await drivePublisher(publisher, events, Math.min(300, TIME_MS));
	const result = await drivePublisher(publisher, events, MEASURE_MILLIS);
	await publisher.close();
	return result;
}

function chart(rows) {
	const med = (name) => median(rows.find((r) => r.name === name)?.samples ?? []);
	return lineChartSvg(
		[
			{
				title: 'Throughput, emit → subscriber (inline validation)',
				xLabel: 'maxBatchSize (log)',
				yLabel: 'million events/s',
				series: [{ name: 'events/s', points: SIZES.map((s) => [s, med(throughputName(s)) / 1e6]) }],
			},
			{
				title: 'p95 latency at a steady 10k events/s',
				xLabel: 'maxBatchSize (log)',
				yLabel: 'p95 emit → delivered, ms (log)',
				logY: true,
				series: WINDOWS.map((w) => ({
					name: `window ${w} ms`,
					points: SIZES.map((s) => [s, med(latencyName(s, w))]),
				})),
			},
		],
		'@cortex-os/integrations: batch size and window sweep',
	);
}

const NOTES = [
	'![batch size and window sweep](sweep.svg)',
	'Throughput uses the question 2 producer (varied events, yield every 1,024, `ready()` on backpressure); latency uses the question 4 producer at 10k ev/s. "× baseline" compares with the defaults (batch 25, window 10 ms).',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

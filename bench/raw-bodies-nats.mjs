#!/usr/bin/env node
// Question 5b: raw JSON bodies into core NATS (the adapter's defaults: structured encoding, its
// batching preset) validated on the worker pool vs inline, by body size: main-thread CPU per body,
// beside the NATS adapter's own cost for the same events (ready-made envelopes published through
// the adapter) and events/s. On the worker path the validated JSON bytes go to NATS as they are:
// never parsed, serialised or encoded on the main thread. A local nats-server (started here unless
// NATS_URL is set; skipped without one) shares the 2 cores. Fresh process per sample.
import { caseSpec, createRows, printResult, runCase, SMOKE, step } from './lib/child.mjs';
import {
	measureCopy,
	measureNatsFloor,
	measurePublisher,
	startNatsServer,
} from './lib/raw-body-cases.mjs';
import { sizeLabel } from './lib/webhook-bodies.mjs';

const FILE = 'bench/raw-bodies-nats.mjs';
const RUNS = SMOKE ? 1 : 3;
const SIZES = SMOKE ? [1_024] : [256, 1_024, 4_096, 16_384, 65_536];
const INLINE = 'inline';
const WORKER = 'worker pool';
const FLOOR = 'the NATS adapter alone (ready-made envelopes)';

async function parent() {
	const server = startNatsServer();
	try {
		const rows = createRows();
		for (let run = 1; run <= RUNS; run++) {
			for (const size of SIZES) {
				step(`run ${run}/${RUNS}: ${sizeLabel(size)} bodies into core NATS`);
				const url = server.url;
				const inline = runCase(FILE, { mode: 'inline', size, url });
				const worker = runCase(FILE, { mode: 'worker', size, url });
				const floor = runCase(FILE, { mode: 'floor', size, url });
				const copy = runCase(FILE, { mode: 'copy', size });
				addRows(rows, size, { inline, worker, floor, copy });
			}
		}
		return { rows: rows.list(), notes: NOTES };
	} finally {
		server.stop();
	}
}

function addRows(rows, size, { inline, worker, floor, copy }) {
	const at = sizeLabel(size);
	const cpu = (r) => r.mainCpuNanosPerEvent / 1000;
	const baseline = `${at}, ${INLINE}: main-thread CPU/body`;
	rows.add(baseline, 'µs', cpu(inline));
	rows.add(`${at}, ${WORKER}: main-thread CPU/body`, 'µs', cpu(worker), { baseline });
	rows.add(`${at}, ${FLOOR}: main-thread CPU/body`, 'µs', cpu(floor), { baseline });
	rows.add(
		`${at}, ${WORKER}: main-thread CPU/body beyond the adapter’s own and the copy`,
		'µs',
		cpu(worker) - cpu(floor) - cpu(copy),
	);
	const rate = `${at}, ${INLINE}: events/s`;
	rows.add(rate, 'ev/s', inline.eventsPerSecond, { higherIsBetter: true });
	rows.add(`${at}, ${WORKER}: events/s`, 'ev/s', worker.eventsPerSecond, {
		higherIsBetter: true,
		baseline: rate,
	});
}

const NOTES = [
	'Bodies as in question 5, emitted as fast as `emit` takes them into a batching publisher on `createNatsBusAdapter` (core NATS, structured encoding, the adapter’s batching preset), until `flush()` confirms every event. "The NATS adapter alone" publishes envelopes built beforehand (their payloads parsed and validated outside the measurement) through the same adapter in batches of 1,024: what sending costs whoever validates. "Beyond the adapter’s own and the copy" subtracts that and the one copy of each body (measured as in question 5): what is left is the worker messages, the envelopes and the accounting (target ≤ 1 µs).',
	'On the worker path the adapter writes the JSON bytes the worker validated (`ENVELOPE_DATA_BYTES`) into the message as they are; inline, the main thread parses, validates and serialises the payload again.',
];

async function measure(spec) {
	if (spec.mode === 'copy') return measureCopy(spec);
	return spec.mode === 'floor' ? measureNatsFloor(spec) : measurePublisher(spec);
}

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

#!/usr/bin/env node
// Question 5: raw JSON bodies (`emitRaw`, e.g. webhook request bodies) validated on the worker pool
// vs inline (UTF-8 decode + JSON.parse + safeParse on the main thread), by body size: events/s end
// to end and main-thread CPU per event. The crossover decides the default `workers.minRawBodyBytes`
// of `validation: 'auto'`. Fresh process per sample; batching defaults otherwise (batch 25, one
// worker thread on this 2-core machine).
import { INTEGRATIONS_TOPICS, PUBLISHER_DEFAULTS } from '../dist/index.js';
import { caseSpec, createRows, printResult, runCase, SMOKE, step, TIME_MS } from './lib/child.mjs';
import { countingPublisher, drivePublisher } from './lib/pipeline.mjs';
import { median } from './lib/stats.mjs';

const FILE = 'bench/raw-bodies.mjs';
const RUNS = SMOKE ? 1 : 3;
const SIZES = SMOKE ? [256, 16_384] : [256, 1_024, 4_096, 16_384, 65_536];
const MODES = [
	['inline', 'inline (main thread parses and validates)'],
	['worker', 'worker pool'],
];

async function parent() {
	const rows = createRows();
	const cells = new Map();
	for (let run = 1; run <= RUNS; run++) {
		for (const size of SIZES) {
			for (const [mode, label] of MODES) {
				step(`run ${run}/${RUNS}: ${sizeLabel(size)} bodies, ${label}`);
				const r = runCase(FILE, { mode, size });
				const inline = `${sizeLabel(size)}, ${MODES[0][1]}`;
				rows.add(`${sizeLabel(size)}, ${label}: events/s`, 'ev/s', r.eventsPerSecond, {
					higherIsBetter: true,
					baseline: `${inline}: events/s`,
				});
				rows.add(
					`${sizeLabel(size)}, ${label}: main-thread CPU/event`,
					'µs',
					r.mainCpuNanosPerEvent / 1000,
					{
						baseline: `${inline}: main-thread CPU/event`,
					},
				);
				const key = `${size}/${mode}`;
				if (!cells.has(key)) cells.set(key, []);
				cells.get(key).push(r);
			}
		}
	}
	const crossover = findCrossover(cells);
	const defaultMinRawBodyBytes = PUBLISHER_DEFAULTS.minRawBodyBytes;
	return { rows: rows.list(), notes: notes(crossover), crossover, defaultMinRawBodyBytes };
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
			(s) => med(s, 'worker', 'eventsPerSecond') > med(s, 'inline', 'eventsPerSecond'),
		),
	};
}

async function measure({ mode, size, maxBatchSize }) {
	const events = bodies(size, 64);
	const batching = { enabled: true, validation: mode, ...(maxBatchSize && { maxBatchSize }) };
	const { publisher, counter } = countingPublisher({ batching });
	// About 256 KB of bodies between yields, so big bodies do not overrun the measuring time.
	const chunk = Math.max(16, Math.min(1024, Math.floor(262_144 / size)));
	await drivePublisher(publisher, events, Math.min(300, TIME_MS), chunk);
	const before = counter.delivered;
	const result = await drivePublisher(publisher, events, Math.min(1000, TIME_MS), chunk);
	const delivered = counter.delivered - before;
	await publisher.close();
	if (delivered !== result.events)
		throw new Error(`${result.events} emitted, ${delivered} delivered`);
	return result;
}

/** `count` distinct webhook-received bodies of about `size` bytes (extra fields are stripped). */
function bodies(size, count) {
	const encoder = new TextEncoder();
	return Array.from({ length: count }, (_, i) => {
		const event = {
			integrationId: `int-${i}`,
			webhookId: `wh-${i}-${Date.now()}`,
			source: 'stripe',
			event: 'charge.succeeded',
			payloadSize: size,
			processed: false,
			receivedAt: new Date(1_760_000_000_000 + i * 1000).toISOString(),
		};
		const items = [];
		let text = JSON.stringify(event);
		while (text.length < size) {
			items.push({
				id: `item-${items.length}`,
				name: `Line ${i}`,
				amount: items.length * 7,
				paid: true,
				tags: ['x', 'y'],
			});
			text = JSON.stringify({ ...event, payload: { items } });
		}
		return { topic: INTEGRATIONS_TOPICS.webhookReceived, body: encoder.encode(text) };
	});
}

const sizeLabel = (bytes) => (bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} B`);

function notes({ cpuBytes, throughputBytes }) {
	const sizes = `the sizes measured (up to ${sizeLabel(SIZES.at(-1))})`;
	const cpu =
		cpuBytes === null
			? `never costs the main thread less CPU per event than inline parsing at ${sizes}`
			: `costs the main thread less CPU per event than inline parsing from ${sizeLabel(cpuBytes)} on`;
	const rate =
		throughputBytes === null
			? `never delivers more events/s at ${sizes}`
			: `delivers more events/s from ${sizeLabel(throughputBytes)} on`;
	return [
		`**Measured crossover:** the worker pool ${cpu}, and ${rate}. \`workers.minRawBodyBytes\` (default ${sizeLabel(PUBLISHER_DEFAULTS.minRawBodyBytes)}) is where \`auto\` switches to workers: smaller bodies are parsed inline. Between the CPU crossover and the events/s crossover, workers trade events/s (on this 2-core machine) for main-thread CPU.`,
		'Bodies: a valid `integrations.webhook.received` event plus a `payload` of line items up to the size (stripped by the schema, so validation cost is the same at every size; parsing cost grows). 64 distinct bodies, emitted as `Uint8Array` round-robin; "× baseline" compares with inline at the same size.',
	];
}

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

#!/usr/bin/env node
// Question 2c: what each envelope field costs per event, the publisher's way against the obvious
// (upstream) way: id, time, traceparent, dataschema, headers, and the whole envelope. The factory,
// the id source and the trace formatting are internal: esbuild bundles them from src/ (the same code
// tsup builds). Each case runs alone in a fresh process: warm-up, then TIME_MS of a loop over four
// topics; main-thread CPU per call from schedstat.
import { randomUUID } from 'node:crypto';
import { caseSpec, createRows, printResult, runCase, SMOKE, step, TIME_MS } from './lib/child.mjs';
import { importTs } from './lib/load-ts.mjs';
import { mainThreadCpuNanos } from './lib/measure.mjs';

const FILE = 'bench/envelope-cost.mjs';
const RUNS = SMOKE ? 1 : 5;
const TOPICS = [
	'integrations.connection.established',
	'integrations.data.synced',
	'integrations.api.called',
	'integrations.webhook.received',
];
const SPAN = {
	traceId: '0af7651916cd43dd8448eb211c80319c',
	spanId: 'b7ad6b7169203331',
	traceFlags: 1,
};

/** [row name, baseline row name or undefined, case] */
const CASES = [
	['id: crypto.randomUUID() (upstream createEnvelope)', undefined, 'uuid'],
	['id: nextEventId() (bulk CSPRNG, text formatted per 4,096)', 0, 'id'],
	['time: new Date().toISOString() per event (upstream)', undefined, 'isoNew'],
	['time: Date.now(), ISO string shared within the millisecond', 2, 'isoCached'],
	['dataschema: dataSchemaUrl(topic) per event', undefined, 'schemaUrl'],
	['dataschema: the topic’s precomputed URL', 4, 'schemaLookup'],
	['traceparent: no active span (activeSpanContext() only)', undefined, 'noSpan'],
	['traceparent: formatted from the active span', undefined, 'traceparent'],
	['headers: own { brainwav-brand } object per envelope', undefined, 'headers'],
	[
		'whole envelope: upstream createEnvelope (randomUUID, toISOString, zod 3 parse)',
		undefined,
		'upstream',
	],
	['whole envelope: buildNow, no span (sync mode)', 9, 'buildNow'],
	['whole envelope: buildNow, with a span', 9, 'buildNowSpan'],
];

async function parent() {
	const rows = createRows();
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, base, id] of CASES) {
			step(`run ${run}/${RUNS}: ${name}`);
			const r = runCase(FILE, { id });
			const baseline = base === undefined ? undefined : CASES[base][0];
			rows.add(name, 'ns', r.nanosPerCall, baseline ? { baseline } : {});
		}
	}
	return { rows: rows.list(), notes: NOTES };
}

async function operations() {
	const { createEnvelopeFactory, createIsoTimeCache } = await importTs(
		'../src/dispatch/envelope/envelope-factory.ts',
	);
	const { nextEventId } = await importTs('../src/dispatch/envelope/event-ids.ts');
	const { activeSpanContext, formatTraceparent } = await importTs(
		'../src/dispatch/envelope/trace-context.ts',
	);
	const { dataSchemaUrl } = await importTs('../src/events/envelope.ts');
	const { createEnvelope } = await importTs('baseline/upstream-pipeline.ts');
	const { createPendingEvent } = await importTs('../src/dispatch/pending-event.ts');
	const factory = createEnvelopeFactory('urn:cortex:integrations');
	const isoTime = createIsoTimeCache();
	const urls = TOPICS.map(dataSchemaUrl);
	const event = (i, span) => createPendingEvent(TOPICS[i], i, 1, { n: i }, false, span, 0);
	const events = [0, 1, 2, 3].map((i) => event(i, undefined));
	const spanEvents = [0, 1, 2, 3].map((i) => event(i, SPAN));
	return {
		uuid: () => randomUUID(),
		id: () => nextEventId(),
		isoNew: () => new Date().toISOString(),
		isoCached: () => isoTime(Date.now()),
		schemaUrl: (i) => dataSchemaUrl(TOPICS[i & 3]),
		schemaLookup: (i) => urls[i & 3],
		noSpan: () => activeSpanContext(),
		traceparent: () => formatTraceparent(SPAN),
		headers: () => ({ 'brainwav-brand': 'brAInwav' }),
		upstream: (i) =>
			createEnvelope({
				type: TOPICS[i & 3],
				source: 'urn:cortex:integrations',
				data: events[i & 3].input,
			}),
		buildNow: (i) => factory.buildNow(events[i & 3], events[i & 3].input),
		buildNowSpan: (i) => factory.buildNow(spanEvents[i & 3], spanEvents[i & 3].input),
	};
}

async function measure({ id }) {
	const op = (await operations())[id];
	const sink = new Array(16);
	const loop = (millis) => {
		const deadline = performance.now() + millis;
		let calls = 0;
		do {
			for (let j = 0; j < 1024; j++) sink[j & 15] = op(j);
			calls += 1024;
		} while (performance.now() < deadline);
		return calls;
	};
	loop(Math.min(300, TIME_MS));
	const cpu0 = mainThreadCpuNanos();
	const calls = loop(TIME_MS);
	return { nanosPerCall: (mainThreadCpuNanos() - cpu0) / calls, sink: typeof sink[0] };
}

const NOTES = [
	'CPU per call, loop included (~1 ns). "× baseline" is the obvious way’s CPU ÷ the publisher’s. The publisher builds one envelope per event with: the id, one `Date.now()` (sync mode; batching takes one clock offset per batch) and the ISO string of its millisecond, the topic’s precomputed `dataschema`, its own `headers` object, and `traceparent`/`tracestate` only when a span is active. What an envelope contains and the uniqueness of its id are unchanged: ids are RFC 4122 version 4 UUIDs from the CSPRNG behind `crypto.randomUUID()`.',
	'Ids: `randomUUID()` pays a native call per id and formats 16 bytes; the publisher fills 64 KB of random bytes per 4,096 ids, formats them with straight-line 16-bit stores (~10 ns an id), and slices one 36-byte string per id (the slice, a native call, is most of what is left). Time: `toISOString` costs ~0.3–0.5 µs, so the string is made once per millisecond; what remains is the clock read.',
];

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

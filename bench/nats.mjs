#!/usr/bin/env node
// Question 7: NATS, batched vs per-event awaited publish, core and JetStream (acks, file storage),
// through `createNatsBusAdapter` on a local nats-server (started with scripts/nats-server.sh in a
// temporary state dir when NATS_URL is unset, stopped afterwards). Fresh process per sample.
// - baseline: the library's envelopes, `await adapter.publishBatch([envelope])` one at a time (one
//   round trip, or one ack, per event; validation not counted, which favours the baseline);
// - publisher: `emit` → batching publisher → adapter, until `flush()` confirms every event;
// - floor: the raw nats.js client publishing pre-encoded messages (what the client can do at best).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntegrationsPublisher } from '../dist/index.js';
import {
	caseSpec,
	createRows,
	macrotask,
	printResult,
	runCase,
	SMOKE,
	step,
	TIME_MS,
} from './lib/child.mjs';
import { drivePublisher, loadEvents } from './lib/pipeline.mjs';

const FILE = 'bench/nats.mjs';
const RUNS = SMOKE ? 1 : 5; // five: the NATS samples spread the most (nats-server shares the cores)
/** The publisher's own defaults, which the NATS adapter's `batchingDefaults` replace. */
const PUBLISHER_OWN = { maxBatchSize: 25, maxConcurrentFlushes: 1 };

const CASES = [
	['core: baseline: per-event awaited publish', { mode: 'perEvent', js: false }],
	['core: publisher, batching defaults (NATS preset 1,024 × 4)', { mode: 'publisher', js: false }],
	[
		'core: publisher, the publisher’s own defaults (25 × 1)',
		{ mode: 'publisher', js: false, own: true },
	],
	['core: raw nats.js client floor (pre-encoded, flush per 1,024)', { mode: 'raw', js: false }],
	['JetStream: baseline: per-event awaited publish', { mode: 'perEvent', js: true }],
	[
		'JetStream: publisher, batching defaults (NATS preset 256 × 4)',
		{ mode: 'publisher', js: true },
	],
	[
		'JetStream: publisher, the publisher’s own defaults (25 × 1)',
		{ mode: 'publisher', js: true, own: true },
	],
];

async function parent() {
	const server = process.env.NATS_URL ? undefined : startServer();
	try {
		const url = process.env.NATS_URL ?? server.url;
		const rows = createRows();
		for (let run = 1; run <= RUNS; run++) {
			for (const [name, spec] of CASES) {
				step(`run ${run}/${RUNS}: ${name}`);
				const r = runCase(FILE, { ...spec, url });
				const baseline = spec.js ? CASES[4][0] : CASES[0][0];
				rows.add(name, 'ev/s', r.eventsPerSecond, { higherIsBetter: true, baseline });
			}
		}
		return { rows: rows.list(), notes: notes(server) };
	} finally {
		server?.stop();
	}
}

function startServer() {
	const stateDir = mkdtempSync(join(tmpdir(), 'bench-nats-'));
	const env = { ...process.env, NATS_STATE_DIR: stateDir };
	const out = execFileSync('bash', ['scripts/nats-server.sh', 'start'], { env, encoding: 'utf8' });
	const url = out.match(/NATS_URL=(\S+)/)?.[1];
	step(`started nats-server at ${url}`);
	return {
		url,
		stop() {
			execFileSync('bash', ['scripts/nats-server.sh', 'stop'], { env, stdio: 'ignore' });
			rmSync(stateDir, { recursive: true, force: true });
		},
	};
}

async function measure({ mode, js, own, url }) {
	const { createNatsBusAdapter, ensureIntegrationsStream } = await import('../dist/nats.js');
	const { connect } = await import('@nats-io/transport-node');
	const nc = await connect({ servers: url, noAsyncTraces: true });
	// JetStream cases get a stream and subjects of their own, removed afterwards: a stream left on
	// `integrations.>` would also store (and slow down) every later core NATS case.
	const subjectPrefix = js ? `bench${process.pid}` : '';
	const stream = `BENCH_${process.pid}`;
	if (js) await ensureIntegrationsStream(nc, { name: stream, subjectPrefix });
	const adapter = createNatsBusAdapter({ connection: nc, jetstream: js, subjectPrefix });
	const events = await loadEvents(10_000);
	const warmMillis = Math.min(300, TIME_MS);
	try {
		if (mode === 'publisher') {
			const batching = { enabled: true, ...(own ? PUBLISHER_OWN : {}) };
			const publisher = createIntegrationsPublisher({ bus: adapter, batching });
			await drivePublisher(publisher, events, warmMillis);
			const result = await drivePublisher(publisher, events, TIME_MS);
			const stats = publisher.stats();
			await publisher.close();
			if (stats.delivered !== stats.offered) {
				throw new Error(`publisher: ${stats.offered} offered, ${stats.delivered} delivered`);
			}
			return result;
		}
		const envelopes = await buildEnvelopes(events);
		const run = mode === 'raw' ? rawFloor(nc, envelopes) : perEvent(adapter, envelopes);
		await run(warmMillis);
		return await run(TIME_MS);
	} finally {
		if (js) await deleteStream(nc, stream);
		await nc.drain();
	}
}

async function deleteStream(nc, name) {
	const { jetstreamManager } = await import('@nats-io/jetstream');
	const jsm = await jetstreamManager(nc);
	await jsm.streams.delete(name);
}

/** The library's own envelopes for the events (a sync publisher onto a capturing bus). */
async function buildEnvelopes(events) {
	const envelopes = [];
	const bus = {
		publishBatch(batch) {
			envelopes.push(...batch);
			return Promise.resolve();
		},
	};
	const publisher = createIntegrationsPublisher({ bus });
	for (const e of events) publisher.emit(e.topic, e.data);
	await publisher.close();
	return envelopes;
}

const perEvent = (adapter, envelopes) => (millis) =>
	rate(millis, async (deadline) => {
		let i = 0;
		while (performance.now() < deadline) {
			for (let j = 0; j < 64; j++) await adapter.publishBatch([envelopes[i++ % envelopes.length]]);
		}
		return i;
	});

function rawFloor(nc, envelopes) {
	const encoder = new TextEncoder();
	const messages = envelopes.map((e) => [e.type, encoder.encode(JSON.stringify(e))]);
	return (millis) =>
		rate(millis, async (deadline) => {
			let i = 0;
			while (performance.now() < deadline) {
				for (let j = 0; j < 1024; j++) {
					const [subject, payload] = messages[i++ % messages.length];
					nc.publish(subject, payload);
				}
				await nc.flush();
				await macrotask();
			}
			return i;
		});
}

async function rate(millis, body) {
	const t0 = performance.now();
	const events = await body(t0 + millis);
	const ms = performance.now() - t0;
	return { events, ms, eventsPerSecond: (events * 1000) / ms };
}

function notes(server) {
	return [
		`nats-server ${serverVersion()} on 127.0.0.1 (${server ? 'started by this benchmark' : 'NATS_URL'}), JetStream file storage (a fresh stream per JetStream sample, on subjects of its own, deleted afterwards, so that no stream stores the core NATS cases' messages), structured encoding (the adapter's default). Events: the 10,000-event mix; each sample runs ${TIME_MS} ms after a warm-up.`,
		'The publisher rows are end to end (emit → validated → envelope → NATS, confirmed by `flush()`); the baseline publishes ready-made envelopes, so its validation cost is not even counted.',
		'"Batching defaults" is what a user gets with `batching: { enabled: true }`: the NATS adapter suggests its batch size and flushes in flight (`batchingDefaults`); the "own defaults" rows force the publisher’s in-process defaults (25 events per call, one call in flight) to show what the preset is worth.',
		'The raw client floor (pre-encoded payloads, no headers, nothing validated) is what nats.js itself does here; it moves with the machine’s load as much as the publisher does, since nats-server shares the 2 cores.',
	];
}

function serverVersion() {
	try {
		return execFileSync('nats-server', ['--version'], { encoding: 'utf8' })
			.trim()
			.split(' ')
			.at(-1);
	} catch {
		return '';
	}
}

const spec = caseSpec();
printResult(spec ? await measure(spec) : await parent());

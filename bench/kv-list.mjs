#!/usr/bin/env node
// Question 8b: `list_integrations` over 100k integrations kept in NATS JetStream KV, on a warm
// replica (its cache loaded and kept current by the KV watch), against the in-memory store with as
// many records (the baseline, same run, same runtime path). One child fills the bucket through a
// store (records and secrets sealed, compare-and-set creates); each measuring child is a fresh
// process: a KV replica loads the bucket (timed), or the in-memory store is filled, then it calls
// `runtime.listIntegrations` (schema parse, page, views) for first pages, pages at cursors all
// along the listing and filtered pages.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	createIntegrationsRuntime,
	createMemoryIntegrationStore,
	createNatsKvIntegrationStore,
} from '../dist/mcp.js';
import { caseSpec, createRows, printResult, runCase, SMOKE, step } from './lib/child.mjs';
import { percentiles } from './lib/measure.mjs';

const FILE = 'bench/kv-list.mjs';
const RUNS = SMOKE ? 1 : 3;
const INTEGRATIONS = SMOKE ? 5_000 : 100_000;
const CALLS = SMOKE ? 500 : 5_000;
const PAGE = 100;
const WARM_UP_CALLS = SMOKE ? 200 : 2_000;
const KINDS = ['webhook', 'api', 'database', 'message-queue'];
const STATUSES = ['active', 'inactive', 'error'];
const RUNTIME = { maxIntegrations: 1_000_000, maxTenantBytes: 2 ** 40, maxStoredBytes: 2 ** 40 };

async function parent() {
	const server = process.env.NATS_URL ? undefined : startServer();
	try {
		const url = process.env.NATS_URL ?? server.url;
		const key = randomBytes(32).toString('base64');
		const spec = { url, bucket: `bench_kv_${process.pid}`, key };
		step(`filling a bucket with ${INTEGRATIONS.toLocaleString('en-US')} integrations`);
		const fill = runCase(FILE, { ...spec, phase: 'fill' }, { timeoutMs: 600_000 });
		const rows = createRows();
		const fillRow = 'fill: creates through one store (256 in flight)';
		rows.add(fillRow, 'creates/s', fill.createsPerSecond, { higherIsBetter: true });
		for (let run = 1; run <= RUNS; run++) {
			// Alternate which store goes first, so that a drift of the machine favours neither.
			const phases = run % 2 ? ['memory', 'kv'] : ['kv', 'memory'];
			for (const phase of phases) {
				step(
					`run ${run}/${RUNS}: ${phase === 'kv' ? 'a fresh KV replica' : 'the in-memory store'}`,
				);
				const r = runCase(
					FILE,
					{ ...spec, phase },
					{ timeoutMs: 600_000, nodeArgs: ['--expose-gc'] },
				);
				addMeasured(rows, phase, r);
			}
		}
		runCase(FILE, { ...spec, phase: 'destroy' });
		return { rows: rows.list(), notes: notes(server, fill) };
	} finally {
		server?.stop();
	}
}

const LABELS = { memory: 'baseline: in-memory store', kv: 'KV store, warm replica' };

function addMeasured(rows, phase, r) {
	if (phase === 'kv') {
		rows.add('KV replica start: connect and load every integration', 'ms', r.loadMillis);
	}
	const baseline = (name) => (phase === 'kv' ? { baseline: `${LABELS.memory}: ${name}` } : {});
	for (const q of ['p50', 'p95', 'p99']) {
		rows.add(`${LABELS[phase]}: list page ${q}`, 'ms', r[q], baseline(`list page ${q}`));
	}
	const rate = 'list pages/s (one caller)';
	rows.add(`${LABELS[phase]}: ${rate}`, 'pages/s', r.pagesPerSecond, {
		higherIsBetter: true,
		...baseline(rate),
	});
}

function startServer() {
	const stateDir = mkdtempSync(join(tmpdir(), 'bench-kv-'));
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

/** A record as `create_integration` makes it: a quarter of the kinds, thirds of the statuses. */
function record(n) {
	const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
	return {
		id: `int_${randomUUID()}`,
		tenantId: 'default',
		name: `integration-${n}`,
		type: KINDS[n % 4],
		status: STATUSES[n % 3],
		endpoint: `https://api${n % 50}.example.com/v2`,
		headers: { accept: 'application/json' },
		secretNames: ['token'],
		createdAt: at,
		updatedAt: at,
	};
}

const secretsOf = (n) => ({ headers: { authorization: `Bearer tok-${n}` }, values: [`tok-${n}`] });

const openStore = ({ url, bucket, key }) =>
	createNatsKvIntegrationStore({
		servers: url,
		bucket,
		secretKey: key,
		maxIntegrations: 1_000_000,
	});

async function fill(spec) {
	const store = await openStore(spec);
	const startedAt = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < INTEGRATIONS) {
			const n = next++;
			await store.insert(record(n), secretsOf(n));
		}
	};
	await Promise.all(Array.from({ length: 256 }, worker));
	const seconds = (performance.now() - startedAt) / 1000;
	await store.close();
	return { createsPerSecond: INTEGRATIONS / seconds, seconds };
}

/** A fresh KV replica: loads the bucket (timed), then lists. */
async function kv(spec) {
	const startedAt = performance.now();
	const store = await openStore(spec);
	const loadMillis = performance.now() - startedAt;
	if (store.size !== INTEGRATIONS) throw new Error(`loaded ${store.size} of ${INTEGRATIONS}`);
	const result = await timeLists(createIntegrationsRuntime({ ...RUNTIME, store }));
	await store.close();
	return { loadMillis, ...result };
}

/** The in-memory store with as many records, strings parsed from JSON as tool inputs are. */
async function memory() {
	const store = createMemoryIntegrationStore({ maxIntegrations: 1_000_000 });
	for (let n = 0; n < INTEGRATIONS; n++) store.insert(JSON.parse(JSON.stringify(record(n))));
	return timeLists(createIntegrationsRuntime({ ...RUNTIME, store }));
}

/** Cursors all along the listing (every 10th page), taken by walking it once. */
async function cursorsOf(runtime) {
	const cursors = [];
	let cursor;
	for (let page = 0; ; page++) {
		const result = await runtime.listIntegrations({ limit: PAGE, ...(cursor && { cursor }) });
		if (!result.nextCursor) return cursors;
		cursor = result.nextCursor;
		if (page % 10 === 0) cursors.push(cursor);
	}
}

/** Latency of one page, after a warm-up: a third first pages, a third at a cursor, a third filtered. */
async function timeLists(runtime) {
	const inputs = await inputsFor(runtime);
	// A full collection first: both stores list from compacted old space, whatever the load left.
	globalThis.gc?.();
	for (let i = 0; i < WARM_UP_CALLS; i++) await runtime.listIntegrations(inputs[i % CALLS]);
	const samples = new Float64Array(CALLS);
	const startedAt = performance.now();
	for (let i = 0; i < CALLS; i++) {
		const t0 = performance.now();
		const page = await runtime.listIntegrations(inputs[i]);
		samples[i] = performance.now() - t0;
		if (page.integrations.length === 0) throw new Error('an empty page');
	}
	const pagesPerSecond = (CALLS * 1000) / (performance.now() - startedAt);
	await runtime.close();
	return { ...percentiles(samples), pagesPerSecond };
}

async function inputsFor(runtime) {
	const cursors = await cursorsOf(runtime);
	return Array.from({ length: CALLS }, (_, i) => {
		if (i % 3 === 0) return { limit: PAGE };
		if (i % 3 === 1) return { limit: PAGE, cursor: cursors[i % cursors.length] };
		return { limit: PAGE, type: KINDS[i % 4], status: STATUSES[i % 3] };
	});
}

async function destroy({ url, bucket }) {
	const { connect } = await import('@nats-io/transport-node');
	const { jetstreamManager } = await import('@nats-io/jetstream');
	const nc = await connect({ servers: url });
	await (await jetstreamManager(nc)).streams.delete(`KV_${bucket}`);
	await nc.close();
	return {};
}

function notes(server, fill) {
	return [
		`nats-server ${serverVersion()} on 127.0.0.1 (${server ? 'started by this benchmark' : 'NATS_URL'}), JetStream file storage, one bucket of ${INTEGRATIONS.toLocaleString('en-US')} integrations in one tenant (each with a sealed bearer token), filled in ${fill.seconds.toFixed(1)} s by one store with 256 creates in flight.`,
		`Each run measures both stores, each in a fresh process (their order alternates between runs). A KV replica connects and loads the bucket through its KV watch (every value opened: AES-256-GCM and JSON); the baseline is the same runtime over the in-memory store, filled with as many records. Each then makes ${CALLS.toLocaleString('en-US')} \`listIntegrations\` calls of ${PAGE} items (a third first pages, a third at cursors all along the listing, a third filtered by type and status), one after another, after ${WARM_UP_CALLS.toLocaleString('en-US')} warm-up calls and a full GC.`,
		'A page never touches NATS: it is served from the cache the watch keeps current, with the in-memory store’s indexes, so it costs microseconds more than the in-memory store, not a round trip. NATS round trips are paid by writes (a create or status update returns once this replica’s watch has applied it), by reads of ids the watch has not delivered yet, and by `ping()`; a replica’s start grows with the bucket (every value is opened once).',
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

const PHASES = { fill, kv, memory, destroy };
const spec = caseSpec();
printResult(spec ? await PHASES[spec.phase](spec) : await parent());

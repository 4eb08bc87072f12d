// The measurements behind the raw-body questions (5, 5b, 5c and the before/after record), each run
// in a fresh child process: raw webhook bodies through a batching publisher (validated inline or
// on the worker pool) into the in-process bus or core NATS; the cost of the one copy a body needs;
// and the NATS adapter's own cost for the same envelopes. Main-thread CPU from the thread's
// schedstat (bench/lib/measure.mjs); `BENCH_DIST` (a dist/index.js path) measures another build.

import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { macrotask, step, TIME_MS } from './child.mjs';
import { mainThreadCpuNanos, processCpuNanos } from './measure.mjs';
import { webhookBodies } from './webhook-bodies.mjs';

/** The build under test: `BENCH_DIST` (a dist/index.js path), else this repository's. */
function distUrl(file = 'index.js') {
	const dist = process.env.BENCH_DIST;
	return dist ? pathToFileURL(join(dist, '..', file)).href : `../../dist/${file}`;
}

const lib = () => import(distUrl());

/** The publisher's default high-water mark (events) and the arena's slab size. */
const HIGH_WATER_MARK = 4_096;
const SLAB_BYTES = 1 << 20;

/** Warm-up before every measured window (JIT, worker start, slabs, the queue's first fill). */
const WARM_MILLIS = 500;

/**
 * Raw bodies of `size` bytes through a batching publisher (`validation: mode`, `threads` worker
 * threads) into the in-process bus (one subscriber counting) or core NATS at `url`. Emits as fast
 * as `emit` accepts (awaiting `ready()` on backpressure, yielding every ~256 KB of bodies).
 */
export async function measurePublisher({ mode, size, threads, url, highWaterMark }) {
	const { createInProcessBus, createIntegrationsPublisher } = await lib();
	const nats = url === undefined ? undefined : await natsBus(url);
	const counter = { delivered: 0 };
	const bus = nats?.bus ?? countingBus(createInProcessBus(), counter);
	const workers = threads === undefined ? undefined : { maxThreads: threads };
	const batching = { enabled: true, validation: mode, workers, highWaterMark };
	const publisher = createIntegrationsPublisher({ bus, batching, env: false });
	const bodies = webhookBodies(size, 64);
	const chunk = Math.max(16, Math.min(1024, Math.floor(262_144 / size)));
	try {
		await drive(publisher, bodies, WARM_MILLIS, chunk);
		const result = await drive(publisher, bodies, TIME_MS, chunk);
		const stats = publisher.stats();
		if (
			stats.delivered !== stats.offered ||
			(nats === undefined && counter.delivered !== stats.delivered)
		) {
			throw new Error(`${stats.offered} offered, ${stats.delivered} delivered`);
		}
		return result;
	} finally {
		await publisher.close();
		await nats?.close();
	}
}

function countingBus(bus, counter) {
	bus.subscribe('*', () => {
		counter.delivered++;
	});
	return bus;
}

async function natsBus(url) {
	const { createNatsBusAdapter } = await import(distUrl('nats.js'));
	const { connect } = await import('@nats-io/transport-node');
	const nc = await connect({ servers: url, noAsyncTraces: true });
	return { nc, bus: createNatsBusAdapter({ connection: nc }), close: () => nc.drain() };
}

async function drive(publisher, bodies, millis, chunk) {
	return timed(millis, async (deadline) => {
		let i = 0;
		const n = bodies.length;
		const topic = 'integrations.webhook.received';
		while (performance.now() < deadline) {
			for (let j = 0; j < chunk; j++) {
				if (publisher.emitRaw(topic, bodies[i++ % n]) === 'backpressure') await publisher.ready();
			}
			await macrotask();
		}
		await publisher.flush();
		return i;
	});
}

/**
 * What the one copy of a body costs the main thread: `isUtf8` plus a copy into reused 1 MiB shared
 * slabs (`Buffer#fill`: one memcpy), as `emitRaw` does, while a second thread parses the same bodies
 * (the validation worker's load on the other core: a copy costs more beside it).
 */
export async function measureCopy({ size }) {
	const bodies = webhookBodies(size, 64);
	const parser = startParser(bodies);
	// As much memory as the queue holds at its high-water mark (the producers here outrun the
	// workers, so the queue sits there): copies into it miss the caches as the pipeline's do.
	const ringSlabs = Math.max(2, Math.ceil((HIGH_WATER_MARK * size) / SLAB_BYTES));
	const slabs = Array.from({ length: ringSlabs }, () =>
		Buffer.from(new SharedArrayBuffer(SLAB_BYTES)).fill(0),
	);
	let slab = 0;
	let offset = 0;
	const copy = (body) => {
		if (offset + body.byteLength > slabs[slab].byteLength) {
			slab = (slab + 1) % slabs.length;
			offset = 0;
		}
		if (!isUtf8(body)) throw new Error('not UTF-8');
		slabs[slab].fill(body, offset, offset + body.byteLength);
		offset += body.byteLength;
	};
	const run = (millis) =>
		timed(millis, async (deadline) => {
			let i = 0;
			while (performance.now() < deadline) {
				for (let j = 0; j < 64; j++) copy(bodies[i++ & 63]);
			}
			return i;
		});
	try {
		await run(WARM_MILLIS);
		return await run(TIME_MS);
	} finally {
		await parser.terminate();
	}
}

function startParser(bodies) {
	const texts = bodies.map((body) => new TextDecoder().decode(body));
	const code = `const { workerData } = require('node:worker_threads');
		for (let i = 0; ; i++) JSON.parse(workerData[i % workerData.length]);`;
	return new Worker(code, { eval: true, workerData: texts });
}

/**
 * The NATS adapter's own cost for these events: ready-made envelopes (their payload validated
 * beforehand) published in batches of 1,024 through the adapter, each batch confirmed.
 */
export async function measureNatsFloor({ size, url }) {
	const { createIntegrationsPublisher } = await lib();
	const nats = await natsBus(url);
	const envelopes = [];
	const capture = { publishBatch: async (batch) => void envelopes.push(...batch) };
	const builder = createIntegrationsPublisher({ bus: capture, env: false });
	for (const body of webhookBodies(size, 64)) {
		builder.emitRaw('integrations.webhook.received', body);
	}
	await builder.close();
	const run = (millis) =>
		timed(millis, async (deadline) => {
			let i = 0;
			while (performance.now() < deadline) {
				const batch = Array.from({ length: 1024 }, () => envelopes[i++ % envelopes.length]);
				await nats.bus.publishBatch(batch);
				await macrotask();
			}
			return i;
		});
	try {
		await run(WARM_MILLIS);
		return await run(TIME_MS);
	} finally {
		await nats.close();
	}
}

async function timed(millis, body) {
	const cpu0 = mainThreadCpuNanos();
	const all0 = processCpuNanos();
	const t0 = performance.now();
	const events = await body(t0 + millis);
	const ms = performance.now() - t0;
	return {
		events,
		ms,
		eventsPerSecond: (events * 1000) / ms,
		mainCpuNanosPerEvent: (mainThreadCpuNanos() - cpu0) / events,
		processCpuNanosPerEvent: (processCpuNanos() - all0) / events,
	};
}

/** Starts nats-server (scripts/nats-server.sh) in a temporary state dir unless NATS_URL is set. */
export function startNatsServer() {
	if (process.env.NATS_URL) return { url: process.env.NATS_URL, stop() {} };
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

#!/usr/bin/env node
// Question 9a: cold import of the built core entry, each sample a fresh process (cases interleaved
// so that drift hits all of them), median of N: its own code (the peers `zod` and
// `@opentelemetry/api` loaded first, as an application that already uses them) and with its peers,
// under zod 4 (this repository's) and zod 3.25.76 (the dist copy of bench/lib/zod3-dist.mjs, as
// Cortex-OS runs it). Wall time, and the CPU time of the process over the import (less sensitive to
// other load on the machine). Against upstream's equivalent (zod 3 via `zod/v3`, building the same
// kind of schema), and the peers alone for reference.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRows, SMOKE, step } from './lib/child.mjs';
import { zod3Dist } from './lib/zod3-dist.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = SMOKE ? 2 : Number(process.env.BENCH_COLD_RUNS ?? 15);
const core = pathToFileURL(`${root}dist/index.js`).href;
const coreZod3 = pathToFileURL(zod3Dist('index.js')).href;

/** A script that loads `before` untimed, then prints the wall and CPU milliseconds of `body`. */
const timed = (body, before = '') => `${before}
	const c0 = process.cpuUsage(); const t0 = performance.now();
	${body};
	const ms = performance.now() - t0; const cpu = process.cpuUsage(c0);
	console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));`;
const peers = (zod) => `await import('${zod}'); await import('@opentelemetry/api');`;

const CASES = [
	[
		'baseline: upstream (zod 3 schemas)',
		timed(
			"const { z } = await import('zod/v3'); z.object({ a: z.string(), b: z.enum(['x']), c: z.number().int().nonnegative() })",
		),
	],
	[
		'core entry, own code, zod 4 (peers loaded first)',
		timed(`await import('${core}')`, peers('zod')),
	],
	[
		'core entry, own code, zod 3.25.76 (peers loaded first)',
		timed(`await import('${coreZod3}')`, peers('zod3')),
	],
	['core entry with its peers, zod 4', timed(`await import('${core}')`)],
	['core entry with its peers, zod 3.25.76', timed(`await import('${coreZod3}')`)],
	['reference: the peers alone, zod 4 + OTel API', timed(peers('zod'))],
	['reference: the peers alone, zod 3.25.76 + OTel API', timed(peers('zod3'))],
];

function sample(script) {
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
		cwd: root,
		encoding: 'utf8',
	});
	return JSON.parse(out.trim().split('\n').at(-1));
}

const rows = createRows();
for (let run = 1; run <= RUNS; run++) {
	step(`run ${run}/${RUNS}`);
	for (const [name, script] of CASES) {
		const { ms, cpuMs } = sample(script);
		rows.add(`${name}: wall`, 'ms', ms, { baseline: `${CASES[0][0]}: wall` });
		rows.add(`${name}: CPU`, 'ms', cpuMs, { baseline: `${CASES[0][0]}: CPU` });
	}
}
const metric = (row) => (row.name.endsWith(': wall') ? 0 : 1);
const NOTES = [
	'Own code: the time `import()` of the core entry takes once `zod` and `@opentelemetry/api` are loaded (an application that uses them already). It includes building, with the caller’s zod, the compat schemas and the MCP tool catalogue (`integrationsMcpTools`), which the core entry exports. What only a running publisher needs is not loaded at import: `node:crypto` and the id buffers come with the first envelope id (or audit hash), tinypool with the first worker batch; metrics instruments are made when a publisher is created, and not at all without an SDK MeterProvider.',
	'CPU is the whole process’s user + system time over the import (`process.cpuUsage()`); wall time also counts waiting for the CPU on a loaded machine.',
];
process.stdout.write(
	`${JSON.stringify({ rows: rows.list().sort((a, b) => metric(a) - metric(b)), notes: NOTES })}\n`,
);

#!/usr/bin/env node
// Question 9a: cold import time of the built core entry, in fresh processes (median of N), against
// upstream's equivalent (zod 3 via `zod/v3`, building the same schemas) measured the same way.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_COLD_RUNS ?? 15);

const timed = (body) =>
	`const t0 = performance.now(); ${body}; console.log(performance.now() - t0);`;
const cases = {
	'baseline: upstream (zod 3 schemas)': timed(
		"const { z } = await import('zod/v3'); z.object({ a: z.string(), b: z.enum(['x']), c: z.number().int().nonnegative() })",
	),
	'@cortex-os/integrations core entry (with its peers zod 4 and OTel API)': timed(
		"await import('@cortex-os/integrations')",
	),
	'@cortex-os/integrations own code (peers already loaded by the app)': `await import('zod/v4');
		await import('@opentelemetry/api'); ${timed("await import('@cortex-os/integrations')")}`,
};

function sample(script) {
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
		cwd: root,
		encoding: 'utf8',
	});
	return Number(out.trim());
}

const rows = Object.entries(cases).map(([name, script]) => {
	const samples = Array.from({ length: runs }, () => sample(script)).sort((a, b) => a - b);
	return { name, unit: 'ms', samples };
});
console.log(JSON.stringify({ rows }));

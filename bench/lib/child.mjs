// Fresh child processes for stateful measurements (JIT, GC, worker pools): a question script runs
// itself with `--case <json>` once per measurement and reads the JSON its child prints last.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SMOKE = process.env.BENCH_SMOKE === '1';
/** Measuring time of one sample (the runner sets 50 in smoke runs, 1500 otherwise). */
export const TIME_MS = Number(process.env.BENCH_TIME_MS || 1500);
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The environment of a bench child: this process's, without `INTEGRATIONS_*` variables, which
 * publishers honour (a developer's INTEGRATIONS_BATCHING=true would turn every sync case into a
 * batching one).
 */
export function benchEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('INTEGRATIONS_')),
	);
}

/** The case spec this process was started with, or `undefined` in the parent. */
export function caseSpec() {
	const at = process.argv.indexOf('--case');
	return at < 0 ? undefined : JSON.parse(process.argv[at + 1]);
}

/**
 * Runs `file` (a bench script path, relative to the repository) as `node file --case <spec>` in a
 * fresh process and returns the JSON it printed last. Its stderr passes through.
 */
export function runCase(file, spec, { nodeArgs = [], env = {}, timeoutMs = 120_000 } = {}) {
	const stdout = execFileSync(
		process.execPath,
		[...nodeArgs, file, '--case', JSON.stringify(spec)],
		{
			cwd: root,
			env: { ...benchEnv(), ...env },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			timeout: timeoutMs,
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** Prints the result of a child (or of a question) as the last stdout line. */
export function printResult(value) {
	process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A per-step progress line on stderr (the runner passes it through). */
export function step(message) {
	process.stderr.write(`    · ${message}\n`);
}

/** Resolves after pending I/O and timers had a turn. */
export const macrotask = () => new Promise((resolve) => setImmediate(resolve));

/** Collects samples per row name, keeping the first-seen order. */
export function createRows() {
	const rows = new Map();
	return {
		add(name, unit, value, extra = {}) {
			if (!rows.has(name)) rows.set(name, { name, unit, samples: [], ...extra });
			rows.get(name).samples.push(value);
		},
		list: () => [...rows.values()],
	};
}

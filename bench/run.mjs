#!/usr/bin/env node
// Runs every benchmark question against the built package and writes bench/RESULTS.md.
//   node bench/run.mjs            full run (npm run bench builds first)
//   node bench/run.mjs --smoke    few iterations, no report written (CI: benchmarks never rot)
//   node bench/run.mjs --only compat,cold-import
//   node bench/run.mjs --report   re-renders RESULTS.md from the last results (bench/.results/)
// A question may have `skip()` (returns a reason to skip, printed and written to the report) and
// may return `artifacts` ({ name: text }) that are written next to the report (e.g. sweep.svg).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './lib/child.mjs';
import { renderFragment, renderReport } from './lib/report.mjs';
import { QUESTIONS } from './questions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const reportOnly = args.includes('--report');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.split('=')[1] ?? args[args.indexOf(onlyArg) + 1]).split(',') : null;
const outDir = `${root}bench/.results/`;
mkdirSync(outDir, { recursive: true });

/** A question still running after this long is killed and reported as failed. */
const QUESTION_TIMEOUT_MS = smoke ? 120_000 : 360_000;
const env = { ...benchEnv(), BENCH_SMOKE: smoke ? '1' : '', BENCH_TIME_MS: smoke ? '50' : '1500' };
const selected = QUESTIONS.filter((q) => !only || only.includes(q.id));
if (only && selected.length === 0) {
	console.error(`no question matches --only ${only.join(',')}`);
	process.exit(2);
}
const results = [];
const startedAll = Date.now();
for (const [i, question] of selected.entries()) {
	if (reportOnly) {
		results.push({ question, ...loadSaved(question) });
		continue;
	}
	progress(`[${i + 1}/${selected.length}] ${question.title}`);
	const started = Date.now();
	const outcome = await runQuestion(question);
	outcome.seconds = (Date.now() - started) / 1000;
	outcome.finishedAt = new Date().toISOString();
	if (outcome.skipped) progress(`  skipped: ${outcome.skipped}`);
	if (outcome.error) progress(`  failed: ${outcome.error.split('\n').at(-1)}`);
	if (!smoke) writeFileSync(savedPath(question), JSON.stringify(outcome));
	results.push({ question, ...outcome });
}
progress(
	`done: ${selected.length} questions in ${Math.round((Date.now() - startedAll) / 1000)} s\n`,
);

if (smoke) {
	const failed = results.filter((r) => r.error);
	for (const r of failed) console.error(`✗ ${r.question.id}: ${r.error}`);
	console.log(`bench smoke: ${results.length - failed.length}/${results.length} questions ran`);
	process.exit(failed.length ? 1 : 0);
}
for (const r of results) {
	for (const [name, text] of Object.entries(r.data?.artifacts ?? {})) {
		writeFileSync(`${root}bench/${name}`, text);
		console.log(`wrote bench/${name}`);
	}
}
// Sections written by other scripts (the soak's) are kept: see bench/lib/kept-sections.mjs.
const reportPath = `${root}bench/RESULTS.md`;
const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
writeFileSync(reportPath, renderReport(results, previous));
// Aligned as the repository's formatter wants it (the lint step checks bench/), when available.
spawnSync('npx', ['biome', 'format', '--write', 'bench/RESULTS.md'], {
	cwd: root,
	stdio: 'ignore',
});
// The README's benchmark section, regenerated from the same results (copied into the README).
writeFileSync(`${outDir}readme-fragment.md`, renderFragment(results));
console.log('wrote bench/RESULTS.md and bench/.results/readme-fragment.md');

function savedPath(question) {
	return `${outDir}${question.id}.result.json`;
}

function loadSaved(question) {
	try {
		return JSON.parse(readFileSync(savedPath(question), 'utf8'));
	} catch {
		return { error: 'no saved result: run the benchmark first' };
	}
}

async function runQuestion(question) {
	try {
		const reason = question.skip?.();
		if (reason) return { skipped: reason };
		if (question.kind === 'vitest') {
			const out = `${outDir}${question.id}.json`;
			await runChild('npx', ['vitest', 'bench', '--run', question.file, '--outputJson', out], {
				quiet: true,
			});
			return { data: JSON.parse(readFileSync(out, 'utf8')) };
		}
		const stdout = await runChild(process.execPath, [...(question.nodeArgs ?? []), question.file]);
		return { data: JSON.parse(stdout.trim().split('\n').at(-1)) };
	} catch (error) {
		return { error: String(error?.message ?? error).slice(-2000) };
	}
}

/**
 * Runs a child; resolves with its stdout. Its stderr (per-step progress) is passed through,
 * unless `quiet`, and its tail is kept for the error message.
 */
function runChild(command, argv, { quiet = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderrTail = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk) => {
			stderrTail = (stderrTail + chunk).slice(-4000);
			if (!quiet) process.stderr.write(chunk);
		});
		const timer = setTimeout(() => {
			stderrTail += `\nkilled after ${QUESTION_TIMEOUT_MS / 1000} s`;
			child.kill('SIGKILL');
		}, QUESTION_TIMEOUT_MS);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else reject(new Error(`${stderrTail.trim()}\nexit ${code ?? signal}`));
		});
	});
}

function progress(line) {
	process.stderr.write(`${line}\n`);
}

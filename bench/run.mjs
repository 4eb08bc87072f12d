#!/usr/bin/env node
// Runs every benchmark question against the built package and writes bench/RESULTS.md.
//   node bench/run.mjs            full run (npm run bench builds first)
//   node bench/run.mjs --smoke    few iterations, no report written (CI: benchmarks never rot)
//   node bench/run.mjs --only compat,cold-import
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderReport } from './lib/report.mjs';
import { QUESTIONS } from './questions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.split('=')[1] ?? args[args.indexOf(onlyArg) + 1]).split(',') : null;
const outDir = `${root}bench/.results/`;
mkdirSync(outDir, { recursive: true });

const env = { ...process.env, BENCH_SMOKE: smoke ? '1' : '', BENCH_TIME_MS: smoke ? '50' : '1500' };
const selected = QUESTIONS.filter((q) => !only || only.includes(q.id));
const results = [];
for (const [i, question] of selected.entries()) {
	progress(`[${i + 1}/${selected.length}] ${question.title}`);
	const started = Date.now();
	results.push({ question, ...runQuestion(question), seconds: (Date.now() - started) / 1000 });
}
progress(`done: ${selected.length} questions\n`);

if (smoke) {
	const failed = results.filter((r) => r.error);
	for (const r of failed) console.error(`✗ ${r.question.id}: ${r.error}`);
	console.log(`bench smoke: ${results.length - failed.length}/${results.length} questions ran`);
	process.exit(failed.length ? 1 : 0);
}
writeFileSync(`${root}bench/RESULTS.md`, renderReport(results));
console.log('wrote bench/RESULTS.md');

function runQuestion(question) {
	try {
		if (question.skip) {
			const reason = question.skip();
			if (reason) return { skipped: reason };
		}
		const data = question.kind === 'vitest' ? runVitest(question) : runScript(question);
		return { data };
	} catch (error) {
		return { error: String(error?.stderr || error?.message || error).slice(-2000) };
	}
}

function runVitest(question) {
	const out = `${outDir}${question.id}.json`;
	execFileSync('npx', ['vitest', 'bench', '--run', question.file, '--outputJson', out], {
		cwd: root,
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	return JSON.parse(execFileSync('cat', [out], { encoding: 'utf8' }));
}

function runScript(question) {
	const stdout = execFileSync(process.execPath, [...(question.nodeArgs ?? []), question.file], {
		cwd: root,
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	});
	return JSON.parse(stdout.trim().split('\n').at(-1));
}

function progress(line) {
	if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
	else process.stderr.write(`${line}\n`);
}

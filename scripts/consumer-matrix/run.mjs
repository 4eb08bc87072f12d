#!/usr/bin/env node
// The consumer matrix: packs the built package (run `npm run build` first; `npm test` does), installs
// the tarball into scratch consumers in the OS temp dir, as a user would, and runs there:
//   zod3, zod4   runtime-check.mjs (compat, composition, tools, publisher, MCP) and `tsc -p .` on
//                upstream-usage.ts, under zod 3.25.76 and under the newest zod 4;
//   no-mcp       missing-peer-check.mjs, without the optional peer @modelcontextprotocol/server.
// Consumers install and run in parallel. Exits 1 with a summary of every failing check.
//   node scripts/consumer-matrix/run.mjs [--only zod3,zod4,no-mcp] [--report file.json] [--keep]
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCommand, seconds } from './run-command.mjs';
import { formatSummary } from './summary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const INSTALL_TIMEOUT_MILLIS = 5 * 60_000;
const CHECK_TIMEOUT_MILLIS = 3 * 60_000;

const { values: options } = parseArgs({
	options: {
		only: { type: 'string' },
		report: { type: 'string' },
		keep: { type: 'boolean', default: false },
	},
});

/** The consumers; `zod: 'newest 4'` is resolved against the registry once per run. */
const CONSUMERS = [
	{ name: 'zod3', zod: '3.25.76', mcp: true, steps: ['runtime', 'types'] },
	{ name: 'zod4', zod: 'newest 4', mcp: true, steps: ['runtime', 'types'] },
	{ name: 'no-mcp', zod: 'newest 4', mcp: false, steps: ['missing-peer'] },
];

const STEPS = {
	runtime: [process.execPath, ['runtime-check.mjs']],
	types: [process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']],
	'missing-peer': [process.execPath, ['missing-peer-check.mjs']],
};

async function main() {
	for (const file of ['dist/index.js', 'dist/cli.js', 'dist/mcp.js']) {
		if (!existsSync(join(root, file))) fail(`${file} is missing: run \`npm run build\` first`);
	}
	const chosen = selectConsumers(options.only);
	const started = performance.now();
	const work = mkdtempSync(join(tmpdir(), 'cortex-integrations-matrix-'));
	try {
		const [tarball, newestZod4] = await Promise.all([pack(work), resolveNewestZod4()]);
		console.log(
			`packed ${tarball.name} in ${seconds(tarball.millis)}; newest zod 4: ${newestZod4}`,
		);
		const results = await Promise.all(
			chosen.map((consumer) => runConsumer(consumer, tarball.path, newestZod4, work)),
		);
		const report = { millis: performance.now() - started, tarball: tarball.name, results };
		console.log(formatSummary(report));
		if (options.report) writeFileSync(options.report, JSON.stringify(report, null, '\t'));
		process.exitCode = results.every((r) => r.ok) ? 0 : 1;
	} finally {
		if (options.keep) console.log(`kept the consumers in ${work}`);
		else rmSync(work, { recursive: true, force: true });
	}
}

function selectConsumers(only) {
	if (!only) return CONSUMERS;
	const names = only.split(',').map((name) => name.trim());
	const unknown = names.filter((name) => !CONSUMERS.some((c) => c.name === name));
	if (unknown.length > 0) fail(`--only: unknown consumer(s) ${unknown.join(', ')}`);
	return CONSUMERS.filter((c) => names.includes(c.name));
}

async function pack(work) {
	const result = await runCommand(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', work],
		{
			cwd: root,
			timeoutMillis: 120_000,
		},
	);
	if (result.code !== 0) throw new Error(`npm pack failed:\n${result.output}`);
	const [{ filename }] = JSON.parse(result.stdout);
	return { name: filename, path: join(work, filename), millis: result.millis };
}

/** The newest zod 4 on the registry (`npm view`), or the range `^4` when it cannot be asked. */
async function resolveNewestZod4() {
	const result = await runCommand('npm', ['view', 'zod@^4', 'version', '--json'], {
		cwd: tmpdir(),
		timeoutMillis: 60_000,
	});
	if (result.code !== 0) return '^4';
	const versions = [JSON.parse(result.stdout)].flat();
	return versions.at(-1) ?? '^4';
}

/** Installs one consumer, then runs its steps in parallel; never throws. */
async function runConsumer(consumer, tarball, newestZod4, work) {
	const zod = consumer.zod === 'newest 4' ? newestZod4 : consumer.zod;
	const dir = join(work, consumer.name);
	cpSync(fixtures, dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(consumerManifest(consumer, tarball, zod), null, '\t'),
	);
	const install = await runCommand(
		'npm',
		['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
		{ cwd: dir, timeoutMillis: INSTALL_TIMEOUT_MILLIS, env: consumerEnv() },
	);
	const installed = installedVersion(dir, 'zod') ?? zod;
	console.log(
		`[${consumer.name}] npm install (zod ${installed}): ${install.code === 0 ? 'ok' : 'FAILED'} in ${seconds(install.millis)}`,
	);
	const result = { name: consumer.name, zod: installed, install, steps: [] };
	if (install.code !== 0) return { ...result, ok: false };
	result.steps = await Promise.all(consumer.steps.map((step) => runStep(consumer.name, step, dir)));
	return { ...result, ok: result.steps.every((s) => s.ok) };
}

function consumerManifest(consumer, tarball, zod) {
	const dev = own.devDependencies;
	const dependencies = {
		'@cortex-os/integrations': `file:${tarball}`,
		zod,
		'@opentelemetry/api': '1.9.1',
	};
	if (consumer.steps.includes('types')) {
		dependencies.typescript = '5.9.3';
		dependencies['@types/node'] = '20';
	}
	if (consumer.mcp) {
		dependencies['@modelcontextprotocol/server'] = dev['@modelcontextprotocol/server'];
		dependencies['@modelcontextprotocol/client'] = dev['@modelcontextprotocol/client'];
	}
	return { name: `consumer-${consumer.name}`, private: true, type: 'module', dependencies };
}

/** The environment without what an enclosing `npm test` or vitest run would leak into a consumer. */
function consumerEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_(config_(local_prefix|prefix|global_prefix)|package_|lifecycle_)/i.test(key))
			continue;
		if (/^(VITEST|INTEGRATIONS_)/.test(key) || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	return env;
}

async function runStep(consumer, step, dir) {
	const [command, args] = STEPS[step];
	const result = await runCommand(command, args, {
		cwd: dir,
		timeoutMillis: CHECK_TIMEOUT_MILLIS,
		env: consumerEnv(),
	});
	const ok = result.code === 0;
	console.log(`[${consumer}] ${step}: ${ok ? 'ok' : 'FAILED'} in ${seconds(result.millis)}`);
	return { step, ok, millis: result.millis, code: result.code, output: result.output };
}

function installedVersion(dir, name) {
	try {
		return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8'))
			.version;
	} catch {
		return undefined;
	}
}

function fail(message) {
	console.error(`consumer matrix: ${message}`);
	process.exit(1);
}

await main().catch((error) => fail(error.message));

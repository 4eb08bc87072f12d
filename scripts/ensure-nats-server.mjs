#!/usr/bin/env node
// Makes sure the NATS tests have a real nats-server: they start their own servers (JetStream on
// 127.0.0.1) and never skip. When no binary is found, it installs Debian's package (`apt-get install
// -y nats-server`; through `sudo -n` when not root). Where that cannot work, it says how to install
// the server by hand, and the NATS tests fail with that message while the other tests still run.
//   vitest globalSetup (vitest.config.ts): runs once before the test files of every `npm test`;
//   node scripts/ensure-nats-server.mjs: the same by hand; exits 1 if no server can be provided.
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const CANDIDATES = [
	'nats-server',
	'/usr/sbin/nats-server',
	'/usr/bin/nats-server',
	'/usr/local/bin/nats-server',
];
const MANUAL_HINT =
	'install nats-server (v2.9+, JetStream) and put it on the PATH or set NATS_SERVER_BIN: ' +
	'`apt-get install -y nats-server` on Debian/Ubuntu, `brew install nats-server` on macOS, ' +
	'or a release binary of the NATS project';

/** The variable through which the test workers learn why no server could be provided. */
export const UNAVAILABLE_ENV = 'NATS_SERVER_UNAVAILABLE';

/** `{ binary, version }` of the first working candidate ($NATS_SERVER_BIN first), else undefined. */
export function findNatsServer(env = process.env, candidates = CANDIDATES) {
	for (const candidate of [env.NATS_SERVER_BIN, ...candidates]) {
		if (!candidate) continue;
		try {
			const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
			return { binary: candidate, version: version.trim() };
		} catch {
			// try the next one
		}
	}
	return undefined;
}

/** Finds nats-server, installing it with apt-get when missing; throws a how-to when it cannot. */
export function ensureNatsServer({
	log = (line) => console.log(line),
	candidates = CANDIDATES,
} = {}) {
	const found = findNatsServer(process.env, candidates);
	if (found) return { ...found, installed: false };
	const runner = aptRunner();
	if (typeof runner === 'string')
		throw new Error(`nats-server not found and ${runner}: ${MANUAL_HINT}`);
	log('nats-server not found: installing it with apt-get (the NATS tests use a real server) …');
	const started = performance.now();
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'nats-server'],
	]) {
		const result = spawnSync(
			runner[0],
			[...runner.slice(1), 'apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args],
			{
				encoding: 'utf8',
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			},
		);
		if (result.status !== 0) {
			const output =
				`${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
			throw new Error(
				`\`apt-get ${args.join(' ')}\` failed (${output.slice(-600)}): ${MANUAL_HINT}`,
			);
		}
	}
	const installed = findNatsServer(process.env, candidates);
	if (!installed)
		throw new Error(`apt-get installed nats-server but no binary answers: ${MANUAL_HINT}`);
	log(
		`installed ${installed.binary} (${installed.version}) in ${Math.round(performance.now() - started)} ms`,
	);
	return { ...installed, installed: true };
}

/** How to run apt-get here (`['env']` as root, `['sudo', '-n']` otherwise), or why it cannot run. */
function aptRunner() {
	if (!onPath('apt-get')) return 'apt-get is not available on this system';
	if (process.getuid?.() === 0) return ['env'];
	if (onPath('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0) return ['sudo', '-n'];
	return 'apt-get needs root (and `sudo -n` is not available without a password)';
}

function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * vitest globalSetup: provides nats-server before the test files run. It never aborts the run:
 * when no server can be provided, the reason goes to the NATS tests (which fail with it).
 */
export default function setup() {
	try {
		const { binary } = ensureNatsServer();
		process.env.NATS_SERVER_BIN ??= binary;
		delete process.env[UNAVAILABLE_ENV];
	} catch (error) {
		process.env[UNAVAILABLE_ENV] = error.message;
		console.warn(`⚠ ${error.message}\n  The NATS tests will fail until then; the others run.`);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		const { binary, version } = ensureNatsServer();
		console.log(`${version} (${binary})`);
	} catch (error) {
		console.error(error.message);
		process.exitCode = 1;
	}
}

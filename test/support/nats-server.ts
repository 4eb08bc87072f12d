import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll } from 'vitest';

// A real nats-server (with JetStream) for the NATS tests: its own free port on 127.0.0.1 and a
// temporary store dir, so test files can run in parallel and a test can stop and restart it.

const INSTALL_HINT =
	'`npm test` installs it itself where apt-get can run (scripts/ensure-nats-server.mjs); ' +
	'elsewhere install nats-server: apt-get install -y nats-server';

/**
 * The nats-server binary: $NATS_SERVER_BIN (set by the vitest globalSetup that provides it), else on
 * PATH, else Debian's /usr/sbin. Throws if missing, with the reason the setup could not install it.
 */
export function natsServerBinary(): string {
	const candidates = [
		process.env.NATS_SERVER_BIN,
		'nats-server',
		'/usr/sbin/nats-server',
		'/usr/local/bin/nats-server',
	];
	for (const candidate of candidates) {
		if (!candidate) continue;
		try {
			execFileSync(candidate, ['--version'], { stdio: 'ignore' });
			return candidate;
		} catch {
			// try the next one
		}
	}
	const reason = process.env.NATS_SERVER_UNAVAILABLE;
	throw new Error(
		`nats-server not found (the NATS tests need a real server): ${reason ?? INSTALL_HINT}`,
	);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		const settle = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.once('connect', () => settle(true));
		socket.once('error', () => settle(false));
	});
}

async function waitUntilAccepting(port: number, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`nats-server exited (${child.exitCode}): ${output()}`);
		if (await accepts(port)) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`nats-server did not accept connections on ${port} within 15 s: ${output()}`);
}

export interface NatsServer {
	readonly url: string;
	readonly port: number;
	readonly storeDir: string;
	/** Stops the server (SIGKILL with `crash`, like a machine failure of the process; else SIGTERM). */
	stop(options?: { crash?: boolean }): Promise<void>;
	/** Starts it again on the same port and store dir (JetStream data survives). */
	start(): Promise<void>;
	/** Stops it and removes the store dir. */
	dispose(): Promise<void>;
}

/** Spawns the server and waits until it accepts connections; its output is kept for errors. */
async function spawnServer(binary: string, port: number, storeDir: string): Promise<ChildProcess> {
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	await waitUntilAccepting(port, child, () => output);
	return child;
}

async function stopChild(child: ChildProcess | undefined, crash: boolean): Promise<void> {
	if (!child || child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(crash ? 'SIGKILL' : 'SIGTERM');
	await exited;
}

/** Starts a nats-server with JetStream on a free port of 127.0.0.1. */
export async function startNatsServer(): Promise<NatsServer> {
	const binary = natsServerBinary();
	const port = await freePort();
	const storeDir = mkdtempSync(join(tmpdir(), 'nats-js-'));
	let child: ChildProcess | undefined;
	const killOnExit = () => child?.kill('SIGKILL');
	process.once('exit', killOnExit);
	const stop = async ({ crash = false } = {}): Promise<void> => {
		const running = child;
		child = undefined;
		await stopChild(running, crash);
	};
	const start = async (): Promise<void> => {
		child = await spawnServer(binary, port, storeDir);
	};

	await start();
	return {
		url: `nats://127.0.0.1:${port}`,
		port,
		storeDir,
		stop,
		start,
		async dispose() {
			await stop();
			process.off('exit', killOnExit);
			if (existsSync(storeDir)) rmSync(storeDir, { recursive: true, force: true });
		},
	};
}

/** A test file's shared server and client connection, set in `beforeAll`, closed in `afterAll`. */
export interface NatsFixture {
	readonly server: NatsServer;
	readonly nc: NatsConnection;
}

/** Registers the hooks that start a nats-server and connect to it for the calling test file. */
export function useNatsServer(): NatsFixture {
	const fixture = {} as { server: NatsServer; nc: NatsConnection };
	beforeAll(async () => {
		fixture.server = await startNatsServer();
		fixture.nc = await connect({ servers: fixture.server.url });
	});
	afterAll(async () => {
		await fixture.nc?.close();
		await fixture.server?.dispose();
	});
	return fixture;
}

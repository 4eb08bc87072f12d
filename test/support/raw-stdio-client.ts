import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built bin (`npm run build` produces it from src/cli/cli.ts). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** How long a reply may take before the test gives up on it. */
const REPLY_TIMEOUT_MILLIS = 20_000;

export interface RawReply {
	readonly id?: number | string | null;
	readonly result?: {
		isError?: boolean;
		content: { text: string }[];
		structuredContent?: Record<string, unknown>;
	};
	readonly error?: { code: number; message: string };
}

/** A raw JSON-RPC client of the stdio CLI: writes whole lines, reads replies by id. */
export interface RawCli {
	readonly pid: number;
	/** Writes raw text to the CLI's stdin (use for hostile lines). */
	write(text: string): Promise<void>;
	request(method: string, params: object): Promise<RawReply>;
	callTool(name: string, args: object): Promise<RawReply>;
	/** Resolves with the first reply whose id matches. */
	reply(id: number | string | null): Promise<RawReply>;
	/** `null` while the process runs. */
	exitCode(): number | null;
	close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function spawnCli(args: readonly string[]): Promise<RawCli> {
	if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
	const replies: RawReply[] = [];
	const waiters = new Set<() => void>();
	let buffered = '';
	child.stdout.on('data', (chunk: Buffer) => {
		buffered += chunk.toString('utf8');
		const lines = buffered.split('\n');
		buffered = lines.pop() ?? '';
		for (const line of lines) if (line.trim()) replies.push(JSON.parse(line) as RawReply);
		for (const wake of waiters) wake();
	});
	child.stderr.resume();
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const cli = rawCli(child, replies, waiters, exited);
	await cli.request('initialize', {
		protocolVersion: '2025-06-18',
		capabilities: {},
		clientInfo: { name: 'raw', version: '1' },
	});
	await cli.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
	return cli;
}

function rawCli(
	child: ChildProcessWithoutNullStreams,
	replies: RawReply[],
	waiters: Set<() => void>,
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
): RawCli {
	let nextId = 1;
	const write = (text: string) =>
		new Promise<void>((resolve, reject) =>
			child.stdin.write(text, (error) => (error ? reject(error) : resolve())),
		);
	const reply = (id: number | string | null) => waitForReply(child, replies, waiters, id);
	const request = async (method: string, params: object) => {
		const id = nextId++;
		await write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
		return reply(id);
	};
	return {
		pid: child.pid ?? -1,
		write,
		request,
		callTool: (name, args) => request('tools/call', { name, arguments: args }),
		reply,
		exitCode: () => child.exitCode,
		async close() {
			child.stdin.end();
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			const result = await exited;
			clearTimeout(timer);
			return result;
		},
	};
}

/** The first reply with `id`; rejects when the CLI exits or after REPLY_TIMEOUT_MILLIS. */
function waitForReply(
	child: ChildProcessWithoutNullStreams,
	replies: readonly RawReply[],
	waiters: Set<() => void>,
	id: number | string | null,
): Promise<RawReply> {
	return new Promise<RawReply>((resolve, reject) => {
		const settle = (outcome: () => void) => {
			waiters.delete(check);
			child.off('exit', check);
			clearTimeout(timer);
			outcome();
		};
		const check = () => {
			const found = replies.find((r) => r.id === id);
			if (found) settle(() => resolve(found));
			else if (child.exitCode !== null || child.signalCode !== null) {
				settle(() => reject(new Error(`the CLI exited (${child.exitCode ?? child.signalCode})`)));
			}
		};
		const timer = setTimeout(
			() => settle(() => reject(new Error(`no reply to ${JSON.stringify(id)} within 20 s`))),
			REPLY_TIMEOUT_MILLIS,
		);
		waiters.add(check);
		child.once('exit', check);
		check();
	});
}

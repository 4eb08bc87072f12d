import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/idle-publisher.mjs', import.meta.url));

/** Runs a script; resolves with its exit code and output, or `timedOut` when it had to be killed. */
function run(file: string, limitMillis: number) {
	return new Promise<{ code: number | null; stdout: string; timedOut: boolean }>((resolve) => {
		const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), limitMillis);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, stdout, timedOut: signal === 'SIGKILL' });
		});
	});
}

describe('unref', () => {
	it('a process with an idle batching publisher and started workers exits by itself', async () => {
		const result = await run(script, 20_000);
		expect(result.timedOut).toBe(false);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('delivered 10');
	}, 30_000);
});

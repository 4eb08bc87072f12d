// Runs a command without a shell, collecting its output (stdout and stderr interleaved, capped) and
// its duration; a command past its deadline is killed and reported as timed out. Never throws.
import { spawn } from 'node:child_process';

const MAX_OUTPUT_CHARS = 200_000;

/** @returns {Promise<{ code: number | null, stdout: string, output: string, millis: number }>} */
export function runCommand(command, args, { cwd, timeoutMillis, env = process.env }) {
	const started = performance.now();
	return new Promise((resolve) => {
		let stdout = '';
		let output = '';
		const keep = (chunk, isStdout) => {
			if (isStdout && stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
			if (output.length < MAX_OUTPUT_CHARS) output += chunk;
		};
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.setEncoding('utf8').on('data', (chunk) => keep(chunk, true));
		child.stderr.setEncoding('utf8').on('data', (chunk) => keep(chunk, false));
		const timer = setTimeout(() => {
			output += `\n[killed: no exit within ${seconds(timeoutMillis)}]`;
			child.kill('SIGKILL');
		}, timeoutMillis);
		const settle = (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, output, millis: performance.now() - started });
		};
		child.once('error', (error) => {
			output += `\n${error.message}`;
			settle(null);
		});
		child.once('close', (code) => settle(code));
	});
}

export function seconds(millis) {
	return `${(millis / 1000).toFixed(1)} s`;
}

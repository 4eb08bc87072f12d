import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The consumer matrix (scripts/consumer-matrix/run.mjs): the packed tarball installed into scratch
// consumers on zod 3.25.76, the newest zod 4, and without the optional MCP peer; each consumer runs
// upstream-style code and `tsc` there. Runs against the build (`npm test` builds first).
const root = fileURLToPath(new URL('../..', import.meta.url));
const MATRIX_TIMEOUT_MILLIS = 10 * 60_000;

interface StepResult {
	step: string;
	ok: boolean;
	output: string;
}
interface ConsumerResult {
	name: string;
	zod: string;
	ok: boolean;
	install: { code: number | null; output: string };
	steps: StepResult[];
}

const state: { dir?: string; output?: string; results?: ConsumerResult[] } = {};

beforeAll(async () => {
	state.dir = mkdtempSync(join(tmpdir(), 'consumer-matrix-report-'));
	const report = join(state.dir, 'report.json');
	state.output = await new Promise<string>((resolve) => {
		execFile(
			process.execPath,
			['scripts/consumer-matrix/run.mjs', '--report', report],
			{ cwd: root, timeout: MATRIX_TIMEOUT_MILLIS, maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => resolve(`${stdout}${stderr}${error ? `\n${error.message}` : ''}`),
		);
	});
	try {
		state.results = JSON.parse(readFileSync(report, 'utf8')).results;
	} catch {
		state.results = undefined;
	}
}, MATRIX_TIMEOUT_MILLIS + 10_000);

afterAll(() => {
	if (state.dir) rmSync(state.dir, { recursive: true, force: true });
});

function consumer(name: string): ConsumerResult {
	const result = state.results?.find((r) => r.name === name);
	if (!result) throw new Error(`the matrix produced no report for ${name}:\n${state.output}`);
	return result;
}

/** A step's verdict: its whole output when it failed (or the install log when that failed). */
function stepFailure(result: ConsumerResult, name: string): string | undefined {
	if (result.install.code !== 0) return `npm install failed:\n${result.install.output}`;
	const step = result.steps.find((s) => s.step === name);
	if (!step) return `no step ${name} in the report:\n${state.output}`;
	return step.ok ? undefined : step.output;
}

describe('consumer matrix (packed tarball in scratch consumers)', () => {
	it.each([
		[
			'zod3',
			'runtime',
			'runs upstream-style code under zod 3.25.76 (helpers, composition, tools, publisher, MCP)',
		],
		[
			'zod3',
			'types',
			'type-checks upstream-style code under zod 3.25.76 (tsc, skipLibCheck false)',
		],
		[
			'zod4',
			'runtime',
			'runs upstream-style code under the newest zod 4 (helpers, composition, tools, publisher, MCP)',
		],
		[
			'zod4',
			'types',
			'type-checks upstream-style code under the newest zod 4 (tsc, skipLibCheck false)',
		],
		[
			'no-mcp',
			'missing-peer',
			'names @modelcontextprotocol/server when that optional peer is absent (bin, /mcp)',
		],
	])('%s consumer, %s: %s', (name, step) => {
		const result = consumer(name);
		const failure = stepFailure(result, step);
		expect(failure, `${name} (zod ${result.zod}) ${step} failed:\n${failure}`).toBeUndefined();
	});
});

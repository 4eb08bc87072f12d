// The matrix's closing summary: per consumer its zod, every step with its time, and for a failing
// step the failing checks with their details (runtime checks print `✗ name` + indented lines; tsc
// prints `file(line,col): error TS…`).
import { seconds } from './run-command.mjs';

const MAX_FAILURE_LINES = 400;
const DETAIL_LINES_PER_CHECK = 16;

export function formatSummary({ millis, tarball, results }) {
	const lines = ['', `consumer matrix: ${tarball}, ${seconds(millis)} in all`];
	for (const result of results) {
		lines.push(`  ${result.ok ? '✓' : '✗'} ${result.name} (zod ${result.zod})`);
		lines.push(
			`      npm install: ${result.install.code === 0 ? 'ok' : 'FAILED'}, ${seconds(result.install.millis)}`,
		);
		if (result.install.code !== 0) lines.push(...indent(tail(result.install.output, 40), 8));
		for (const step of result.steps) {
			lines.push(`      ${step.step}: ${stepVerdict(step)}, ${seconds(step.millis)}`);
			if (!step.ok) lines.push(...indent(failureLines(step.output), 8));
		}
	}
	const failed = results.filter((r) => !r.ok).map((r) => r.name);
	lines.push(failed.length === 0 ? 'all consumers passed' : `FAILED: ${failed.join(', ')}`);
	return lines.join('\n');
}

function stepVerdict(step) {
	const count = step.output.match(/^(\d+)\/(\d+) checks passed$/m);
	const tsErrors = step.output.match(/error TS\d+/g)?.length ?? 0;
	if (count) return `${step.ok ? 'ok' : 'FAILED'} (${count[1]}/${count[2]} checks passed)`;
	if (tsErrors > 0) return `FAILED (${tsErrors} type errors)`;
	return step.ok ? 'ok' : `FAILED (exit ${step.code})`;
}

/** The failing checks and their detail lines, else (a crash, tsc) the whole output's tail. */
function failureLines(output) {
	const lines = output.split('\n');
	const picked = [];
	let detailLines = -1;
	for (const line of lines) {
		if (line.startsWith('✗ ')) detailLines = 0;
		else if (line.startsWith('✓ ') || /^\d+\/\d+ checks passed$/.test(line)) detailLines = -1;
		else if (detailLines >= 0) detailLines++;
		if (detailLines >= 0 && detailLines <= DETAIL_LINES_PER_CHECK) picked.push(line);
	}
	return (picked.length > 0 ? picked : tail(output, MAX_FAILURE_LINES)).slice(0, MAX_FAILURE_LINES);
}

function tail(text, count) {
	return text.trimEnd().split('\n').slice(-count);
}

function indent(lines, spaces) {
	const pad = ' '.repeat(spaces);
	return lines.map((line) => pad + line);
}

import type { CallToolResult } from '@modelcontextprotocol/server';
import { IntegrationsError } from '../../common/index.js';
import { ResultTooLargeError } from '../runtime-errors.js';
import type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestIntegrationResult,
} from '../schemas/index.js';
import type { IntegrationsToolName } from './runtime.js';

const SUMMARIES: Record<IntegrationsToolName, (value: never) => string> = {
	create_integration: (r: CreateIntegrationResult) =>
		`Created integration ${r.integration.id} (${r.integration.type}, status ${r.integration.status}).`,
	test_integration: (r: TestIntegrationResult) =>
		`Test "${r.testType}" ${r.passed ? 'passed' : 'failed'}; status is now ${r.status}.`,
	execute_integration: (r: ExecuteIntegrationResult) =>
		`${r.method} ${r.endpoint} returned HTTP ${r.statusCode} in ${Math.round(r.durationMillis)} ms after ${r.attempts} attempt(s)${r.truncated ? '; the body was truncated' : ''}.`,
	list_integrations: (r: ListIntegrationsResult) =>
		`${r.integrations.length} of ${r.total} integration(s).${r.nextCursor ? ` More: call list_integrations with the same filters and cursor "${r.nextCursor}".` : ''}`,
	monitor_integration: (r: MonitorIntegrationResult) =>
		`${r.sampleCount} call(s) in range; ${r.cached ? 'cached' : 'fresh'} report computed at ${r.cachedAt}.`,
};

/** Written instead of the JSON copy when only `structuredContent` fits. */
const STRUCTURED_ONLY =
	'(The JSON result is in structuredContent only: it is too large to repeat.)';

/** Characters of a whole result as a client receives it: both copies, with their escaping. */
export function resultChars(
	tool: IntegrationsToolName,
	structured: Record<string, unknown>,
): number {
	return JSON.stringify(assemble(tool, structured, true)).length;
}

/**
 * A successful tool result: `structuredContent` plus a text block (summary line + the same JSON),
 * the whole under `maxChars`. When it is larger: the body of an `execute_integration` result is
 * cut (`truncated: true`); then the text block keeps only the summary; and when even that does not
 * fit, the result is an `ERR_RESULT_TOO_LARGE` error naming what the call did.
 */
export function toolResult(
	tool: IntegrationsToolName,
	structured: Record<string, unknown>,
	maxChars: number,
): CallToolResult {
	let content = structured;
	if (resultChars(tool, content) > maxChars && tool === 'execute_integration') {
		content = shrinkBody(content as ExecuteIntegrationResult, maxChars);
	}
	for (const withJson of [true, false]) {
		const result = assemble(tool, content, withJson);
		if (JSON.stringify(result).length <= maxChars) return result;
	}
	const summary = summaryOf(tool, structured).slice(0, Math.floor(maxChars / 4));
	const tooLarge = new ResultTooLargeError(tool, resultChars(tool, structured), maxChars, summary);
	return toolErrorResult(tooLarge);
}

function summaryOf(tool: IntegrationsToolName, structured: Record<string, unknown>): string {
	return (SUMMARIES[tool] as (value: unknown) => string)(structured);
}

function assemble(
	tool: IntegrationsToolName,
	structured: Record<string, unknown>,
	withJson: boolean,
): CallToolResult {
	const summary = summaryOf(tool, structured);
	const text = `${summary}\n${withJson ? JSON.stringify(structured) : STRUCTURED_ONLY}`;
	const isError = tool === 'execute_integration' && !(structured as ExecuteIntegrationResult).ok;
	return {
		content: [{ type: 'text', text }],
		structuredContent: structured,
		...(isError && { isError: true }),
	};
}

/** The longest prefix of the body (binary search) with which the whole result fits. */
function shrinkBody(result: ExecuteIntegrationResult, maxChars: number): ExecuteIntegrationResult {
	const bodyText = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
	const withBody = (length: number): ExecuteIntegrationResult => ({
		...result,
		body: bodyText.slice(0, length),
		truncated: true,
	});
	let fits = 0;
	let tooLong = bodyText.length + 1;
	while (tooLong - fits > 1) {
		const middle = Math.floor((fits + tooLong) / 2);
		if (resultChars('execute_integration', withBody(middle)) <= maxChars) fits = middle;
		else tooLong = middle;
	}
	return withBody(fits);
}

/** An error result a model can act on: `<code>: <message>`; unknown errors stay generic. */
export function toolErrorResult(error: unknown): CallToolResult {
	const text =
		error instanceof IntegrationsError
			? `${error.code}: ${error.message}`
			: 'ERR_INTERNAL: the tool failed unexpectedly; retry later';
	return { content: [{ type: 'text', text }], isError: true };
}

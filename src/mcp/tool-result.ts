import type { CallToolResult } from '@modelcontextprotocol/server';
import { IntegrationsError } from '../errors.js';
import type { IntegrationsToolName } from './runtime.js';
import type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestIntegrationResult,
} from './tool-output-schemas.js';

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

/**
 * A successful tool result: `structuredContent` plus a text block (summary line + JSON). When the
 * JSON exceeds `maxChars`, the body of an `execute_integration` result is cut (`truncated: true`).
 */
export function toolResult(
	tool: IntegrationsToolName,
	structured: Record<string, unknown>,
	maxChars: number,
): CallToolResult {
	let content = structured;
	let json = JSON.stringify(content);
	if (json.length > maxChars && tool === 'execute_integration') {
		content = shrinkBody(content as ExecuteIntegrationResult, json.length, maxChars);
		json = JSON.stringify(content);
	}
	const summary = (SUMMARIES[tool] as (value: unknown) => string)(content);
	const isError = tool === 'execute_integration' && !(content as ExecuteIntegrationResult).ok;
	return {
		content: [{ type: 'text', text: `${summary}\n${json}` }],
		structuredContent: content,
		...(isError && { isError: true }),
	};
}

function shrinkBody(
	result: ExecuteIntegrationResult,
	jsonLength: number,
	maxChars: number,
): ExecuteIntegrationResult {
	const bodyText = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
	const bodyJsonLength = JSON.stringify(result.body).length;
	const room = Math.max(0, maxChars - (jsonLength - bodyJsonLength) - 64);
	let body = bodyText.slice(0, room);
	while (body.length > 0 && JSON.stringify(body).length > room)
		body = body.slice(0, Math.floor(body.length * 0.9));
	return { ...result, body, truncated: true };
}

/** An error result a model can act on: `<code>: <message>`; unknown errors stay generic. */
export function toolErrorResult(error: unknown): CallToolResult {
	const text =
		error instanceof IntegrationsError
			? `${error.code}: ${error.message}`
			: 'ERR_INTERNAL: the tool failed unexpectedly; retry later';
	return { content: [{ type: 'text', text }], isError: true };
}

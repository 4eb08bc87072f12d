import { randomUUID } from 'node:crypto';
import { credentialHeaders, isSensitiveHeader } from '../credentials/auth-headers.js';
import { toIntegrationView } from '../integration-view.js';
import { parseInput } from '../parse-input.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { type InputIssue, InvalidInputError } from '../runtime-errors.js';
import type { IntegrationRecord } from '../store/integration-store.js';
import type { ToolCallContext } from '../tool-call-context.js';
import {
	type CreateIntegrationToolInput,
	CreateIntegrationToolInputSchema,
} from '../tool-input-schemas.js';
import type { CreateIntegrationResult } from '../tool-output-schemas.js';
import { validateCreateLimits } from './create-limits.js';

const TOOL = 'create_integration';
const USERINFO_ISSUE: InputIssue = {
	path: 'config.endpoint',
	message: 'must not contain user:password@; pass them as config.credentials.username/password',
};

/**
 * Stores an integration. Credentials and sensitive headers are sealed in memory (never stored,
 * returned, logged or emitted); the record keeps only their names. Status starts as `inactive`.
 */
export async function createIntegration(
	deps: RuntimeDeps,
	input: unknown,
	context: ToolCallContext,
): Promise<CreateIntegrationResult> {
	const parsed = parseInput(TOOL, CreateIntegrationToolInputSchema, input);
	const issues = validateCreateLimits(parsed);
	if (issues.length > 0) throw new InvalidInputError(TOOL, issues);
	if (parsed.config.endpoint !== undefined) checkEndpointAtCreate(deps, parsed.config.endpoint);
	const { plain, sensitive } = splitHeaders(parsed.config.headers ?? {});
	const credentials = parsed.config.credentials ?? {};
	const record = buildRecord(deps, context, parsed, plain, [
		...Object.keys(credentials),
		...Object.keys(sensitive).map((name) => `header:${name}`),
	]);
	await deps.store.insert(record);
	const secretValues = Object.entries(credentials)
		.filter(([key]) => key !== 'apiKeyHeader')
		.map(([, value]) => value);
	deps.vault.seal(record.id, { ...sensitive, ...credentialHeaders(credentials) }, [
		...secretValues,
		...Object.values(sensitive),
	]);
	deps.log('info', 'integration created', { integrationId: record.id, type: record.type });
	return { integration: toIntegrationView(record) };
}

function checkEndpointAtCreate(deps: RuntimeDeps, endpoint: string): void {
	const url = new URL(endpoint);
	if (url.username !== '' || url.password !== '') {
		throw new InvalidInputError(TOOL, [USERINFO_ISSUE]);
	}
	if (url.protocol === 'http:' || url.protocol === 'https:') deps.policy.checkUrl(url);
}

function splitHeaders(headers: Readonly<Record<string, string>>) {
	const plain: Record<string, string> = {};
	const sensitive: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		const key = name.toLowerCase();
		if (isSensitiveHeader(key)) sensitive[key] = value;
		else plain[key] = value;
	}
	return { plain, sensitive };
}

function buildRecord(
	deps: RuntimeDeps,
	context: ToolCallContext,
	input: CreateIntegrationToolInput,
	headers: Record<string, string>,
	secretNames: string[],
): IntegrationRecord {
	const now = new Date(deps.options.now()).toISOString();
	const retry = input.config.retryPolicy;
	return {
		id: `int_${randomUUID()}`,
		tenantId: context.tenantId ?? deps.options.defaultTenantId,
		name: input.name,
		type: input.type,
		status: 'inactive',
		...(input.config.endpoint !== undefined && { endpoint: input.config.endpoint }),
		headers,
		secretNames,
		...(retry && { retryPolicy: { maxRetries: retry.maxRetries, backoffMillis: retry.backoffMs } }),
		createdAt: now,
		updatedAt: now,
	};
}

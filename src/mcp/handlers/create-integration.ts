import { randomUUID } from 'node:crypto';
import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import { parseInput, toIntegrationView } from '../context/index.js';
import { credentialHeaders, isSensitiveHeader } from '../credentials/index.js';
import { type InputIssue, InvalidInputError } from '../runtime-errors.js';
import type { CreateIntegrationResult } from '../schemas/index.js';
import {
	type CreateIntegrationToolInput,
	CreateIntegrationToolInputSchema,
} from '../schemas/index.js';
import type { IntegrationRecord, IntegrationSecrets } from '../store/index.js';
import { validateCreateLimits } from './create-limits.js';
import { estimateIntegrationBytes } from './integration-bytes.js';

const TOOL = 'create_integration';
const USERINFO_ISSUE: InputIssue = {
	path: 'config.endpoint',
	message: 'must not contain user:password@; pass them as config.credentials.username/password',
};

/**
 * Stores an integration. Credentials and sensitive headers are sealed in memory (never returned,
 * logged or emitted; stored only by a store that seals them, see `getSecrets`); the record keeps
 * only their names. Status starts as `inactive`.
 * The bytes it holds are charged to the tenant's and the runtime's quota first.
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
	const secrets: IntegrationSecrets = {
		headers: { ...sensitive, ...credentialHeaders(credentials) },
		values: [...secretValuesOf(credentials), ...Object.values(sensitive)],
	};
	await insertCharged(deps, record, estimateIntegrationBytes(parsed), secrets);
	deps.vault.seal(record.id, secrets.headers, secrets.values);
	deps.log('info', 'integration created', { integrationId: record.id, type: record.type });
	return { integration: toIntegrationView(record) };
}

/**
 * Inserts the record, charging its bytes to the quota (given back when the store refuses it). Only
 * a store that keeps secrets sealed (`getSecrets`) receives them.
 */
async function insertCharged(
	deps: RuntimeDeps,
	record: IntegrationRecord,
	bytes: number,
	secrets: IntegrationSecrets,
): Promise<void> {
	deps.quota.reserve(record.tenantId, bytes);
	try {
		const { store } = deps;
		await (store.getSecrets ? store.insert(record, secrets) : store.insert(record));
	} catch (error) {
		deps.quota.release(record.tenantId, bytes);
		throw error;
	}
}

function checkEndpointAtCreate(deps: RuntimeDeps, endpoint: string): void {
	const url = new URL(endpoint);
	if (url.username !== '' || url.password !== '') {
		throw new InvalidInputError(TOOL, [USERINFO_ISSUE]);
	}
	// Refuses every protocol but http(s) too (`javascript:`, `file:`...), not only at execute.
	deps.policy.checkUrl(url);
}

/** Every credential value, and `username:password` (its base64 is what Basic auth sends). */
function secretValuesOf(credentials: Readonly<Record<string, string>>): string[] {
	const values = Object.entries(credentials)
		.filter(([key]) => key !== 'apiKeyHeader')
		.map(([, value]) => value);
	const { username, password } = credentials;
	if (username !== undefined && password !== undefined) values.push(`${username}:${password}`);
	return values;
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

import { CredentialVault, type SealedCredentials } from '../credentials/index.js';
import {
	CredentialsUnavailableError,
	IntegrationNotFoundError,
	MissingEndpointError,
} from '../runtime-errors.js';
import type { IntegrationRecord } from '../store/index.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** The tenant's integration, or `IntegrationNotFoundError`. */
export async function loadIntegration(
	deps: RuntimeDeps,
	tenantId: string,
	integrationId: string,
): Promise<IntegrationRecord> {
	const record = await deps.store.get(tenantId, integrationId);
	if (!record) throw new IntegrationNotFoundError(integrationId);
	return record;
}

/** The endpoint URL, checked by the endpoint policy (throws `EndpointDeniedError`). */
export function checkedEndpoint(deps: RuntimeDeps, record: IntegrationRecord): URL {
	if (record.endpoint === undefined) throw new MissingEndpointError();
	const url = new URL(record.endpoint);
	deps.policy.checkUrl(url);
	return url;
}

/**
 * The integration's sealed credentials (anonymous when it has none): from memory, else from a store
 * that keeps them (`getSecrets`: another replica created the integration, or this one restarted).
 */
export async function credentialsOf(
	deps: RuntimeDeps,
	record: IntegrationRecord,
): Promise<SealedCredentials> {
	const sealed = deps.vault.get(record.id);
	if (sealed) return sealed;
	if (record.secretNames.length === 0) return CredentialVault.anonymous;
	const secrets = await deps.store.getSecrets?.(record.tenantId, record.id);
	if (!secrets) throw new CredentialsUnavailableError();
	deps.vault.seal(record.id, { ...secrets.headers }, secrets.values);
	return deps.vault.get(record.id) ?? CredentialVault.anonymous;
}

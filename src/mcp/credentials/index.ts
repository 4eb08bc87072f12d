// Credentials: the in-memory vault, auth headers, and redaction of every derived form.
// Entry of src/mcp/credentials/: what the rest of the package takes from it.
export { credentialHeaders, isSensitiveHeader } from './auth-headers.js';
export type { SealedCredentials } from './credential-vault.js';
export { CredentialVault } from './credential-vault.js';
export type { Redactor } from './redactor.js';

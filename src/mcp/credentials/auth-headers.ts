/** Header names whose values are treated as secrets (kept in memory only, never returned). */
const SENSITIVE_HEADER =
	/^(authorization|proxy-authorization|cookie)$|token|secret|passw|api-?key|signature|session|credential|auth/i;

export function isSensitiveHeader(name: string): boolean {
	return SENSITIVE_HEADER.test(name);
}

/**
 * Maps `config.credentials` to request headers (keys are case-sensitive):
 * - `token` | `bearerToken` | `accessToken` → `authorization: Bearer <value>`
 * - `username` + `password` → `authorization: Basic base64(username:password)`
 * - `apiKey` → header named by `apiKeyHeader` (default `x-api-key`)
 * - `header:<Name>` → header `<Name>` with the value as is
 * Other keys are kept (and redacted) but not sent.
 */
export function credentialHeaders(
	credentials: Readonly<Record<string, string>>,
): Record<string, string> {
	const headers: Record<string, string> = {};
	const token = credentials.token ?? credentials.bearerToken ?? credentials.accessToken;
	if (credentials.username !== undefined && credentials.password !== undefined) {
		const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
		headers.authorization = `Basic ${basic}`;
	}
	if (token !== undefined) headers.authorization = `Bearer ${token}`;
	if (credentials.apiKey !== undefined) {
		headers[(credentials.apiKeyHeader ?? 'x-api-key').toLowerCase()] = credentials.apiKey;
	}
	for (const [key, value] of Object.entries(credentials)) {
		if (key.startsWith('header:') && key.length > 7) headers[key.slice(7).toLowerCase()] = value;
	}
	return headers;
}

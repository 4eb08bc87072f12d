import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createRedactor, REDACTED, type Redactor } from './redactor.js';

const NO_SECRETS: Redactor = (text) => text;

/** A header value, and its credential without the auth scheme (`Basic <this>`, `Bearer <this>`). */
function withoutScheme(value: string): string[] {
	const credential = /^(?:basic|bearer)\s+(.+)$/is.exec(value)?.[1];
	return credential === undefined ? [value] : [value, credential];
}

/**
 * The secrets of one integration, sealed: the values sit in private fields, and `JSON.stringify`,
 * `util.inspect` and template strings all print `[REDACTED]`.
 */
export class SealedCredentials {
	readonly #headers: Readonly<Record<string, string>>;
	/** The values to redact; their derived forms are built per call, never kept. */
	readonly #secrets: readonly string[];
	/** Identifies the credential set without revealing it (salted SHA-256); keys the HTTP pool. */
	readonly poolKey: string;

	constructor(headers: Record<string, string>, secretValues: readonly string[], salt: Buffer) {
		this.#headers = Object.freeze({ ...headers });
		const canonical = JSON.stringify(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)));
		this.poolKey =
			Object.keys(headers).length === 0
				? 'anonymous'
				: createHash('sha256').update(salt).update(canonical).digest('base64url');
		this.#secrets = Object.freeze([
			...secretValues,
			...Object.values(headers).flatMap(withoutScheme),
		]);
	}

	/**
	 * A redactor of every secret value and derived header value (built on each call: the derived
	 * forms are several times the size of the secrets, so they are never held).
	 */
	redactor(): Redactor {
		return this.#secrets.length === 0 ? NO_SECRETS : createRedactor(this.#secrets);
	}

	/** The headers to send (credential-derived and sensitive configured headers). */
	headers(): Readonly<Record<string, string>> {
		return this.#headers;
	}

	toJSON(): string {
		return REDACTED;
	}

	toString(): string {
		return REDACTED;
	}

	[inspect.custom](): string {
		return REDACTED;
	}
}

/** In-memory only holder of sealed credentials, by integration id. Never persisted. */
export class CredentialVault {
	readonly #salt = randomBytes(16);
	readonly #byId = new Map<string, SealedCredentials>();
	static readonly #anonymous = new SealedCredentials({}, [], Buffer.alloc(0));

	/** Seals and keeps the secrets of an integration. */
	seal(id: string, headers: Record<string, string>, secretValues: readonly string[]): void {
		if (Object.keys(headers).length === 0 && secretValues.length === 0) return;
		this.#byId.set(id, new SealedCredentials(headers, secretValues, this.#salt));
	}

	/** The sealed credentials, or `undefined` when the integration has none in memory. */
	get(id: string): SealedCredentials | undefined {
		return this.#byId.get(id);
	}

	/** Credentials of an integration without secrets. */
	static get anonymous(): SealedCredentials {
		return CredentialVault.#anonymous;
	}

	clear(): void {
		this.#byId.clear();
	}

	toJSON(): string {
		return REDACTED;
	}

	[inspect.custom](): string {
		return REDACTED;
	}
}

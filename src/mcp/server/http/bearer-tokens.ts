import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuthInfo } from '@modelcontextprotocol/server';
import {
	describeValue,
	expectedGot,
	failOption,
	InvalidOptionError,
} from '../../../common/index.js';

/** Shortest bearer token accepted, in characters (a guessable token is no gate). */
export const MIN_TOKEN_CHARS = 16;

/** RFC 6750 `b64token`: what may follow `Bearer ` in an `Authorization` header. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BEARER = /^Bearer +([^ ]+) *$/i;

/** The bearer tokens an HTTP server accepts, each mapped to the tenant its calls run in. */
export interface BearerTokens {
	/** Auth info (tenant as `clientId`) of the header's token, or `undefined` when absent or unknown. */
	authenticate(authorization: string | undefined): AuthInfo | undefined;
	/** Tokens accepted. */
	readonly size: number;
}

interface TokenEntry {
	readonly digest: Buffer;
	readonly auth: AuthInfo;
}

/**
 * Builds the token table. Tokens are kept and compared as SHA-256 digests with `timingSafeEqual`,
 * so the time a check takes does not depend on how much of a guess was right.
 */
export function createBearerTokens(
	entries: Iterable<readonly [token: string, tenantId: string]>,
	option: string,
): BearerTokens {
	const byDigest = new Map<string, TokenEntry>();
	for (const [token, tenantId] of entries) {
		checkToken(token, tenantId, option);
		const digest = sha256(token);
		byDigest.set(digest.toString('base64'), {
			digest,
			auth: Object.freeze({ token, clientId: tenantId, scopes: [] }),
		});
	}
	return {
		authenticate(authorization) {
			const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
			if (token === undefined) return undefined;
			const digest = sha256(token);
			const entry = byDigest.get(digest.toString('base64'));
			return entry && timingSafeEqual(entry.digest, digest) ? entry.auth : undefined;
		},
		size: byDigest.size,
	};
}

/** Reads a file holding one token (surrounding whitespace ignored), as Docker and Kubernetes mount secrets. */
export function readTokenFile(path: string, option: string): string {
	const token = readText(path, option).trim();
	if (token === '') throw new InvalidOptionError(option, `${path} holds no token`);
	return token;
}

/** Reads a JSON object mapping each token to its tenant id: `{ "<token>": "<tenantId>" }`. */
export function readTokensFile(path: string, option: string): Array<[string, string]> {
	let table: unknown;
	try {
		table = JSON.parse(readText(path, option));
	} catch (error) {
		if (error instanceof InvalidOptionError) throw error;
		throw new InvalidOptionError(option, `${path} is not valid JSON`);
	}
	if (table === null || typeof table !== 'object' || Array.isArray(table)) {
		const problem = expectedGot('an object of token → tenant id', describeValue(table));
		throw new InvalidOptionError(option, `${path}: ${problem}`);
	}
	return Object.entries(table).map(([token, tenantId]) => [token, tenantId as string]);
}

function readText(path: string, option: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw new InvalidOptionError(option, `cannot read ${path} (${String(code)})`, { cause: error });
	}
}

/** Validates without ever echoing a token. */
function checkToken(token: unknown, tenantId: unknown, option: string): void {
	if (typeof tenantId !== 'string' || tenantId.length < 1 || tenantId.length > 256) {
		failOption(option, 'a tenant id of 1..256 characters', tenantId);
	}
	if (typeof token !== 'string' || token.length < MIN_TOKEN_CHARS || !B64TOKEN.test(token)) {
		const expected = `a token of at least ${MIN_TOKEN_CHARS} characters of A-Z a-z 0-9 - . _ ~ + / (then = padding) for tenant ${JSON.stringify(tenantId)}`;
		throw new InvalidOptionError(
			option,
			expectedGot(expected, typeof token === 'string' ? 'other text' : typeof token),
		);
	}
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

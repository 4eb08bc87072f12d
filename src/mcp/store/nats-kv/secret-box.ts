import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createSecretKey,
	type KeyObject,
	randomBytes,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeValue, expectedGot, InvalidOptionError } from '../../../common/index.js';
import { UnsealError } from '../store-errors.js';

/** A 32-byte AES-256 key: its bytes, its base64 text, or a file holding either. */
export type SecretKeySource = Uint8Array | string | { readonly file: string };

/** A loaded key and its id (derived from the key, so every replica computes the same id). */
export interface SecretKey {
	/** 8 base64url characters: the first 6 bytes of a SHA-256 of the key. */
	readonly id: string;
	readonly key: KeyObject;
}

/** Seals and opens values with AES-256-GCM; the key id travels in each sealed value. */
export interface SecretBox {
	/** Id of the key that seals. */
	readonly keyId: string;
	/** Ids of every key that opens: the sealing key first, then the previous keys. */
	readonly keyIds: readonly string[];
	/** `a1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`, with a fresh random 12-byte IV. */
	seal(plaintext: string, context: string): string;
	/** The plaintext, or `UnsealError` (unknown key, failed tag, malformed value). */
	open(sealed: string, context: string): string;
	/** The key id a sealed value names, or `undefined` when it is malformed. */
	keyIdOf(sealed: string): string | undefined;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'a1';
const KEY_HINT = 'e.g. `openssl rand -base64 32`';

/**
 * A box sealing with `current` and opening with it or any of `previous` (key rotation). The
 * additional authenticated data binds each value to its version, key id and `context` (the record
 * and part it belongs to), so a sealed value copied elsewhere fails its tag.
 */
export function createSecretBox(
	current: SecretKey,
	previous: readonly SecretKey[] = [],
): SecretBox {
	const keys = new Map<string, KeyObject>();
	for (const { id, key } of [current, ...previous]) if (!keys.has(id)) keys.set(id, key);
	const keyIds = Object.freeze([...keys.keys()]);
	return {
		keyId: current.id,
		keyIds,
		seal: (plaintext, context) => seal(current, plaintext, context),
		open(sealed, context) {
			const parts = splitSealed(sealed);
			if (!parts) throw new UnsealError('malformed', undefined, keyIds);
			const key = keys.get(parts.keyId);
			if (!key) throw new UnsealError('unknown-key', parts.keyId, keyIds);
			return open(key, parts, context, keyIds);
		},
		keyIdOf: (sealed) => splitSealed(sealed)?.keyId,
	};
}

function seal({ id, key }: SecretKey, plaintext: string, context: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
	cipher.setAAD(Buffer.from(`${VERSION}.${id}.${context}`, 'utf8'));
	const body = [iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()];
	return `${VERSION}.${id}.${Buffer.concat(body).toString('base64url')}`;
}

interface SealedParts {
	readonly keyId: string;
	readonly body: Buffer;
}

function splitSealed(sealed: string): SealedParts | undefined {
	if (typeof sealed !== 'string') return undefined;
	const [version, keyId, text, extra] = sealed.split('.');
	if (version !== VERSION || keyId?.length !== 8 || text === undefined || extra !== undefined) {
		return undefined;
	}
	const body = Buffer.from(text, 'base64url');
	return body.length < IV_BYTES + TAG_BYTES ? undefined : { keyId, body };
}

function open(
	key: KeyObject,
	{ keyId, body }: SealedParts,
	context: string,
	ids: readonly string[],
) {
	const tagAt = body.length - TAG_BYTES;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES), {
			authTagLength: TAG_BYTES,
		});
		decipher.setAAD(Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8'));
		decipher.setAuthTag(body.subarray(tagAt));
		const plain = [decipher.update(body.subarray(IV_BYTES, tagAt)), decipher.final()];
		return Buffer.concat(plain).toString('utf8');
	} catch {
		throw new UnsealError('tampered', keyId, ids);
	}
}

/**
 * Loads a key from bytes, base64 text or a file (32 raw bytes, or base64 text). A bad key throws
 * `InvalidOptionError` naming `option`; the message never echoes key material.
 */
export function loadSecretKey(source: SecretKeySource, option: string): SecretKey {
	const bytes = keyBytes(source, option);
	if (bytes.length !== KEY_BYTES) {
		const expected = `a ${KEY_BYTES}-byte key (${KEY_HINT})`;
		throw new InvalidOptionError(option, expectedGot(expected, `${bytes.length} bytes`));
	}
	const id = createHash('sha256')
		.update('cortex-integrations secret key id\0')
		.update(bytes)
		.digest()
		.subarray(0, 6)
		.toString('base64url');
	const key = createSecretKey(Buffer.from(bytes));
	if (!(source instanceof Uint8Array)) bytes.fill(0);
	return { id, key };
}

function keyBytes(source: SecretKeySource, option: string): Uint8Array {
	if (source instanceof Uint8Array) return source;
	if (typeof source === 'string') return fromBase64(source, option);
	if (source !== null && typeof source === 'object' && typeof source.file === 'string') {
		const raw = readKeyFile(source.file, option);
		return raw.length === KEY_BYTES ? raw : fromBase64(raw.toString('utf8'), option);
	}
	// Never echoes what could be key material: an object is described, anything else named by type.
	const got = typeof source === 'object' ? describeValue(source) : typeof source;
	throw new InvalidOptionError(option, expectedGot('key bytes, base64 text or { file }', got));
}

function fromBase64(text: string, option: string): Buffer {
	const trimmed = text.trim();
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
		throw new InvalidOptionError(option, expectedGot(`base64 text (${KEY_HINT})`, 'other text'));
	}
	return Buffer.from(trimmed, 'base64');
}

function readKeyFile(file: string, option: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw new InvalidOptionError(
			option,
			`cannot read the key file ${JSON.stringify(file)} (${typeof code === 'string' ? code : 'error'})`,
			{ cause: error },
		);
	}
}

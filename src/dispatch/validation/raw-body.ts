import type { ValidationIssue } from '../validation-protocol.js';

/** A raw body that is not valid UTF-8 or not valid JSON, as validation issues. */
export class RawBodyError {
	readonly issues: readonly ValidationIssue[];

	constructor(code: 'invalid_utf8' | 'invalid_json', message: string) {
		this.issues = [{ code, message, path: [] }];
	}
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a body: a string as it is, bytes decoded as strict UTF-8; never throws. */
export function decodeRawBody(body: Uint8Array | string): string | RawBodyError {
	if (typeof body === 'string') return body;
	try {
		return decoder.decode(body);
	} catch {
		return new RawBodyError('invalid_utf8', 'The body is not valid UTF-8');
	}
}

/** Decodes (strict UTF-8) and parses a JSON body; never throws. */
export function parseRawBody(body: Uint8Array | string): unknown {
	const text = decodeRawBody(body);
	if (text instanceof RawBodyError) return text;
	try {
		return JSON.parse(text);
	} catch (error) {
		return new RawBodyError('invalid_json', (error as Error).message);
	}
}

/** Byte length of a raw body (UTF-16 length for strings: close enough for routing). */
export function rawBodySize(body: Uint8Array | string): number {
	return typeof body === 'string' ? body.length : body.byteLength;
}

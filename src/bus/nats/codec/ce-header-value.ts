// Header values of the CloudEvents NATS binding (binary mode, §3.1.3.2): space, `"`, `%` and every
// character outside printable ASCII are percent-encoded as UTF-8 bytes, upper-case hex.

/** Values that need no encoding: printable ASCII except space, `"` and `%`. */
const SAFE = /^[\x21\x23\x24\x26-\x7e]*$/;
const HEX = '0123456789ABCDEF';

/** Percent-encodes a header value (lone surrogates become U+FFFD, as UTF-8 encoding does). */
export function encodeHeaderValue(value: string): string {
	if (SAFE.test(value)) return value;
	let out = '';
	for (const byte of Buffer.from(value, 'utf8')) {
		const safe = byte >= 0x21 && byte <= 0x7e && byte !== 0x22 && byte !== 0x25;
		out += safe ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
	}
	return out;
}

const HEX_PAIR = /^[0-9a-fA-F]{2}$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Removes the quotes and backslash escapes of an RFC 7230 quoted string, if `value` is one. */
function unquote(value: string): string {
	if (value.length < 2 || value[0] !== '"' || value[value.length - 1] !== '"') return value;
	return value.slice(1, -1).replace(/\\(.)/g, '$1');
}

/**
 * Decodes a header value: unquotes, then one round of percent-decoding (lower-case hex accepted).
 * Returns `undefined` when a `%` is not followed by two hex digits or the bytes are not valid UTF-8.
 */
export function decodeHeaderValue(raw: string): string | undefined {
	const value = unquote(raw);
	if (!value.includes('%')) return value;
	const bytes: number[] = [];
	for (let i = 0; i < value.length; ) {
		if (value[i] === '%') {
			const hex = value.slice(i + 1, i + 3);
			if (!HEX_PAIR.test(hex)) return undefined;
			bytes.push(Number.parseInt(hex, 16));
			i += 3;
			continue;
		}
		const next = value.indexOf('%', i);
		const end = next === -1 ? value.length : next;
		for (const byte of Buffer.from(value.slice(i, end), 'utf8')) bytes.push(byte);
		i = end;
	}
	try {
		return strictUtf8.decode(Uint8Array.from(bytes));
	} catch {
		return undefined;
	}
}

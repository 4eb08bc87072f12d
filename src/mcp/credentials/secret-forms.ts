/** A string a secret may appear as in a response; `base64` forms also take their boundary chars. */
export interface SecretForm {
	readonly text: string;
	readonly base64: boolean;
}

/** Secrets shorter than this are not searched for in free text (they would match everywhere). */
export const MIN_REDACTABLE_LENGTH = 4;

/** Base64 runs shorter than this are not searched for (a secret's bytes inside longer data). */
const MIN_BASE64_CORE_LENGTH = 6;

/**
 * The forms a secret may come back in, before escaping (escapes are decoded by `decodeEscapes`):
 * as given, trimmed (header values lose their surrounding whitespace on the wire), the base64 of
 * its bytes at each of the three alignments inside longer data (so `base64("Bearer " + token)`
 * and `base64(user + ":" + password)` are caught too), and URL- or form-encoded when escapes
 * alone do not cover it (non-ASCII, spaces).
 */
export function secretForms(secret: string): SecretForm[] {
	const bases = [...new Set([secret, secret.trim()])].filter(
		(base) => base.length >= MIN_REDACTABLE_LENGTH,
	);
	const forms: SecretForm[] = [];
	for (const base of bases) {
		forms.push({ text: base, base64: false });
		for (const text of percentForms(base)) forms.push({ text, base64: false });
		for (const text of base64Forms(base)) forms.push({ text, base64: true });
	}
	return forms;
}

/** URL forms percent-escape decoding does not reach: non-ASCII bytes, and `+` for spaces. */
function percentForms(base: string): string[] {
	const forms: string[] = [];
	if (/[^\p{ASCII}]/u.test(base)) {
		const encoded = encodeURIComponent(base);
		forms.push(
			encoded,
			encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
		);
	}
	if (base.includes(' ')) forms.push(new URLSearchParams({ v: base }).toString().slice(2));
	return forms;
}

/**
 * The runs of base64 characters (standard alphabet; the URL-safe one is searched as standard)
 * that encode only the secret at each alignment; the padded encoding when the secret is too
 * short for its run. The redactor widens a match over the 1-3 boundary characters.
 */
function base64Forms(base: string): string[] {
	const bytes = Buffer.from(base, 'utf8');
	const forms: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const start = Math.ceil((4 * offset) / 3);
		const end = Math.floor((4 * (offset + bytes.length)) / 3);
		if (end - start >= MIN_BASE64_CORE_LENGTH) forms.push(encoded.slice(start, end));
		else if (offset === 0) forms.push(encoded);
	}
	return forms;
}

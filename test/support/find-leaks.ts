/** A secret in every encoding it could be stored in. */
export function encodingsOf(secret: string): Record<string, string> {
	const bytes = Buffer.from(secret, 'utf8');
	return {
		raw: secret,
		base64: bytes.toString('base64'),
		base64url: bytes.toString('base64url'),
		hex: bytes.toString('hex'),
		hexUpper: bytes.toString('hex').toUpperCase(),
		...shiftedBase64(bytes),
		urlEncoded: encodeURIComponent(secret),
		jsonEscaped: JSON.stringify(secret).slice(1, -1),
		jsonAscii: [...secret]
			.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
			.join(''),
	};
}

/** Base64 of the secret inside a longer text, at the two other alignments (whole groups only). */
function shiftedBase64(bytes: Buffer): Record<string, string> {
	const forms: Record<string, string> = {};
	for (const shift of [1, 2]) {
		const text = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const inner = text.slice(4, text.length - 4);
		if (inner.length >= 8) {
			forms[`base64+${shift}`] = inner;
			forms[`base64url+${shift}`] = inner.replaceAll('+', '-').replaceAll('/', '_');
		}
	}
	return forms;
}

/** `secret as encoding` for every blob that holds a secret in any encoding. */
export function findLeaks(blobs: readonly Buffer[], secrets: readonly string[]): string[] {
	const leaks: string[] = [];
	for (const secret of secrets) {
		for (const [name, form] of Object.entries(encodingsOf(secret))) {
			if (blobs.some((blob) => blob.includes(form))) leaks.push(`${secret} as ${name}`);
		}
	}
	return leaks;
}

/**
 * A text with one layer of escapes decoded, mapped back to the original: `origin[i]` is where the
 * decoded character `i` starts in the original, and `origin[text.length]` is the original length.
 */
export interface EscapeView {
	readonly text: string;
	readonly origin: Int32Array | undefined;
}

/** The characters escapes start with: backslash (JSON, `\x`), percent (URL), ampersand (HTML). */
const ESCAPE_STARTS: readonly string[] = ['\\', '%', '&'];

/** Escapes whose decoding is a fixed string: JSON/JS short escapes and named HTML entities. */
const FIXED: ReadonlyMap<string, string> = new Map([
	['\\"', '"'],
	['\\\\', '\\'],
	['\\/', '/'],
	["\\'", "'"],
	['\\b', '\b'],
	['\\f', '\f'],
	['\\n', '\n'],
	['\\r', '\r'],
	['\\t', '\t'],
	['&amp;', '&'],
	['&lt;', '<'],
	['&gt;', '>'],
	['&quot;', '"'],
	['&apos;', "'"],
]);

/** Escapes with a code: `\uXXXX`, `\xHH`, `%HH` (ASCII only), `&#D;`, `&#xH;`. */
const CODED =
	/^(?:\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|%([0-7][0-9a-fA-F])|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});)/;
const FIXED_ESCAPE = /^(?:\\["\\/'bfnrt]|&(?:amp|lt|gt|quot|apos);)/;

/**
 * The views a secret is searched in: the text as is; with every escape decoded, once and twice (a
 * secret escaped twice, or a backslash a hostile server puts before an escaped secret so that the
 * two fuse into `\\`); and, when the text holds several kinds, each kind decoded alone (so `%0`
 * put before `0abc` cannot hide it by fusing into `%00`).
 */
export function escapeViews(text: string): EscapeView[] {
	const present = ESCAPE_STARTS.filter((start) => text.includes(start));
	const views: EscapeView[] = [{ text, origin: undefined }];
	if (present.length === 0) return views;
	const once = decodeEscapes(text, present);
	views.push(once);
	const twice = decodeEscapes(once.text);
	if (twice.origin) views.push({ text: twice.text, origin: compose(twice.origin, once.origin) });
	if (present.length > 1) for (const start of present) views.push(decodeEscapes(text, [start]));
	return views;
}

/** Maps positions of a view of a view back to the original text. */
function compose(outer: Int32Array, inner: Int32Array | undefined): Int32Array {
	if (!inner) return outer;
	return outer.map((position) => inner[position] ?? position);
}

/**
 * Decodes one layer of the escapes servers write secrets in: JSON (`\"`, `\/` as PHP writes it,
 * `\u002b` in any case, as Go and ASCII-only encoders write it), `\xHH`, URL percent-encoding of
 * ASCII, and HTML character references; only those starting with one of `starts` when given.
 * Everything else is kept as is.
 */
export function decodeEscapes(text: string, starts: readonly string[] = ESCAPE_STARTS): EscapeView {
	if (!starts.some((start) => text.includes(start))) return { text, origin: undefined };
	const startPattern = new RegExp(`[${starts.map((c) => `\\${c}`).join('')}]`, 'g');
	// Decoding never lengthens: each escape is at least as long as what it decodes to.
	const origin = new Int32Array(text.length + 1);
	const parts: string[] = [];
	let length = 0;
	for (let i = 0; i < text.length; ) {
		startPattern.lastIndex = i;
		const next = startPattern.exec(text)?.index ?? text.length;
		for (let k = i; k < next; k++) origin[length++] = k;
		parts.push(text.slice(i, next));
		if (next >= text.length) break;
		const [decoded, escapeLength] = decodeAt(text, next);
		for (let k = 0; k < decoded.length; k++) origin[length++] = next;
		parts.push(decoded);
		i = next + escapeLength;
	}
	origin[length] = text.length;
	return { text: parts.join(''), origin: origin.subarray(0, length + 1) };
}

/** The decoding of the escape at `at` and its length; an unknown one is its first character. */
function decodeAt(text: string, at: number): [string, number] {
	const head = text.slice(at, at + 12);
	const fixed = FIXED_ESCAPE.exec(head)?.[0];
	if (fixed !== undefined) return [FIXED.get(fixed) ?? fixed, fixed.length];
	const coded = CODED.exec(head);
	if (!coded) return [text.charAt(at), 1];
	const [whole, u, x, percent, decimal, hexadecimal] = coded;
	const code = Number.parseInt(
		u ?? x ?? percent ?? hexadecimal ?? decimal ?? '',
		decimal ? 10 : 16,
	);
	if (code > 0x10ffff) return [text.charAt(at), 1];
	return [String.fromCodePoint(code), whole.length];
}

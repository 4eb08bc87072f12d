import { decodeEscapes, type EscapeView, escapeViews } from './escape-view.js';
import { type SecretForm, secretForms } from './secret-forms.js';

/** How a text reached the redactor. */
export interface RedactOptions {
	/**
	 * The text was cut at a size cap: a trailing part of a secret (or of an escape) is dropped too.
	 * @default false
	 */
	readonly truncated?: boolean;
}

/** Replaces every occurrence of known secrets in a text. */
export type Redactor = (text: string, options?: RedactOptions) => string;

/** The placeholder written instead of a secret. */
export const REDACTED = '[REDACTED]';

/** A trailing escape cut in the middle (`\u00`, `%2`, `&#x7`...). */
const PARTIAL_ESCAPE_AT_END =
	/(?:\\(?:u[0-9a-fA-F]{0,3}|x[0-9a-fA-F]?)?|%[0-9a-fA-F]?|&#?[xX]?[0-9a-zA-Z]{0,10})$/;
const BASE64_CHAR = /[A-Za-z0-9+/\-_]/;
/** The longest escape `decodeEscapes` decodes to one character (`&#1114111;`). */
const MAX_ESCAPE_LENGTH = 10;

/**
 * Builds a redactor for a set of secrets. Every derived form of each secret (`secretForms`: as
 * given, trimmed, base64 at any alignment, URL-encoded) is searched for in the text with one
 * layer of escapes decoded (`decodeEscapes`: JSON in every common style, `\x`, `%XX`, HTML
 * references), whatever the content type; each match is replaced in the original text.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
	const forms = collectForms(secrets);
	if (forms.length === 0) return (text) => text;
	return (text, options = {}) => {
		const kept = options.truncated ? cutPartialSecret(text, forms) : text;
		const spans = escapeViews(kept).flatMap((view) => findSpans(view, kept, forms));
		return spans.length === 0 ? kept : replaceSpans(kept, mergeSpans(spans));
	};
}

/** Forms of every secret, decoded variants included (a secret may itself look escaped), longest first. */
function collectForms(secrets: Iterable<string>): SecretForm[] {
	const byText = new Map<string, SecretForm>();
	for (const secret of secrets) {
		for (const form of secretForms(secret)) {
			byText.set(form.text, form);
			const decoded = decodeEscapes(form.text).text;
			if (decoded !== form.text) byText.set(decoded, { text: decoded, base64: form.base64 });
		}
	}
	return [...byText.values()].sort((a, b) => b.text.length - a.text.length);
}

/**
 * Spans `[start, end)` of the original text where a view holds a form. Base64 forms are searched
 * in a copy with the URL-safe alphabet mapped to the standard one (same positions).
 */
function findSpans(view: EscapeView, original: string, forms: readonly SecretForm[]): number[][] {
	const spans: number[][] = [];
	const at = (i: number) => (view.origin ? (view.origin[i] ?? original.length) : i);
	const standard = toStandardBase64(view.text);
	for (const form of forms) {
		const length = form.text.length;
		const text = form.base64 ? standard : view.text;
		for (let i = text.indexOf(form.text); i !== -1; i = text.indexOf(form.text, i + length)) {
			const span = [at(i), at(i + length)];
			spans.push(form.base64 ? widenBase64(original, span) : span);
		}
	}
	return spans;
}

function toStandardBase64(text: string): string {
	return text.replaceAll('-', '+').replaceAll('_', '/');
}

/** A base64 run also covers the 1-3 characters that mix the secret's bits with its neighbours'. */
function widenBase64(text: string, [start = 0, end = 0]: number[]): number[] {
	let from = start;
	while (from > start - 3 && from > 0 && BASE64_CHAR.test(text.charAt(from - 1))) from--;
	let to = end;
	while (to < end + 3 && BASE64_CHAR.test(text.charAt(to))) to++;
	while (to < end + 5 && text.charAt(to) === '=') to++;
	return [from, to];
}

function mergeSpans(spans: number[][]): number[][] {
	spans.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
	const merged: number[][] = [];
	for (const span of spans) {
		const last = merged[merged.length - 1];
		if (last && (span[0] ?? 0) <= (last[1] ?? 0)) last[1] = Math.max(last[1] ?? 0, span[1] ?? 0);
		else merged.push([...span]);
	}
	return merged;
}

function replaceSpans(text: string, spans: readonly number[][]): string {
	const parts: string[] = [];
	let from = 0;
	for (const [start = 0, end = 0] of spans) {
		parts.push(text.slice(from, start), REDACTED);
		from = end;
	}
	parts.push(text.slice(from));
	return parts.join('');
}

/**
 * Drops what a cut may have left of a secret: a trailing partial escape, then the longest end of
 * the text that is the beginning of some form (found with a KMP automaton per form, in time linear
 * in the form's length). Only the tail that can hold such a beginning is decoded.
 */
function cutPartialSecret(text: string, forms: readonly SecretForm[]): string {
	const whole = text.replace(PARTIAL_ESCAPE_AT_END, '');
	const longestForm = forms[0]?.text.length ?? 0;
	const tailStart = Math.max(0, whole.length - MAX_ESCAPE_LENGTH * longestForm);
	const tail = whole.slice(tailStart);
	const cuts = escapeViews(tail).map((view) => partialSecretStart(view, tail.length, forms));
	return whole.slice(0, tailStart + Math.min(...cuts));
}

/** Where, in the original text of `view`, the longest trailing beginning of a form starts. */
function partialSecretStart(
	view: EscapeView,
	originalLength: number,
	forms: readonly SecretForm[],
): number {
	let longest = 0;
	for (const form of forms) {
		const window = view.text.slice(-form.text.length);
		const text = form.base64 ? toStandardBase64(window) : window;
		longest = Math.max(longest, longestPrefixAtEnd(text, form.text));
	}
	if (longest === 0) return originalLength;
	const cut = view.text.length - longest;
	return view.origin ? (view.origin[cut] ?? cut) : cut;
}

/** Length of the longest suffix of `text` that is a prefix of `pattern`. */
function longestPrefixAtEnd(text: string, pattern: string): number {
	const failure = new Int32Array(pattern.length);
	for (let i = 1, k = 0; i < pattern.length; i++) {
		while (k > 0 && pattern[i] !== pattern[k]) k = failure[k - 1] ?? 0;
		if (pattern[i] === pattern[k]) k++;
		failure[i] = k;
	}
	let state = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text[i];
		while (state > 0 && (state === pattern.length || unit !== pattern[state])) {
			state = failure[state - 1] ?? 0;
		}
		if (unit === pattern[state]) state++;
	}
	return state;
}

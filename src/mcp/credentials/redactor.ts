/** Replaces every occurrence of known secrets in a text. */
export type Redactor = (text: string) => string;

/** The placeholder written instead of a secret. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not searched for in free text (they would match everywhere). */
export const MIN_REDACTABLE_LENGTH = 4;

/**
 * Builds a redactor for a set of secrets: each secret is replaced as is, and in its JSON-escaped
 * form (so a secret echoed inside a JSON body is caught too). Longest secrets are replaced first.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret.length < MIN_REDACTABLE_LENGTH) continue;
		forms.add(secret);
		forms.add(JSON.stringify(secret).slice(1, -1));
	}
	const ordered = [...forms].sort((a, b) => b.length - a.length);
	if (ordered.length === 0) return (text) => text;
	return (text) => {
		let result = text;
		for (const form of ordered) {
			if (result.includes(form)) result = result.split(form).join(REDACTED);
		}
		return result;
	};
}

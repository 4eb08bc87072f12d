// The validation worker entry (built to dist/validation-worker.js, run by a tinypool pool; its
// default export is the task function). Tiny on purpose: decode, parse, `safeParse`, and send
// back only what the main thread needs.
import { parseRawBody, RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS, UNKNOWN_TOPIC_ISSUES } from './topic-schemas.js';
import type {
	ValidationIssue,
	ValidationRequest,
	ValidationResponse,
	ValidationResult,
} from './validation-protocol.js';

export default function validateBatch(request: ValidationRequest): ValidationResponse {
	const count = request.topics.length;
	const results = new Array<ValidationResult>(count);
	const bytes = new Uint8Array(request.bytes);
	let start = 0;
	let objectIndex = 0;
	for (let i = 0; i < count; i++) {
		const end = request.ends[i] as number;
		let value: unknown;
		if (end < 0) {
			value = request.objects[objectIndex++];
		} else {
			value = parseRawBody(bytes.subarray(start, end));
			start = end;
		}
		results[i] = validateValue(request.topics[i] as number, value);
	}
	return { results };
}

function validateValue(topic: number, value: unknown): ValidationResult {
	if (value instanceof RawBodyError) return value.issues;
	const schema = TOPIC_SCHEMAS[topic];
	if (schema === undefined) return UNKNOWN_TOPIC_ISSUES;
	const fast = fastPathOf(topic)(value);
	if (fast !== undefined) return unchanged(value, fast) ? true : JSON.stringify(fast);
	const result = schema.safeParse(value);
	if (!result.success) return result.error.issues.map(cloneableIssue);
	return unchanged(value, result.data) ? true : JSON.stringify(result.data);
}

/** True when `output` has exactly the keys and values of `input` (nothing stripped or transformed). */
function unchanged(input: unknown, output: unknown): boolean {
	if (output === null || typeof output !== 'object') return Object.is(input, output);
	if (input === null || typeof input !== 'object') return false;
	if (Array.isArray(output)) {
		if (!Array.isArray(input) || input.length !== output.length) return false;
		return output.every((item, i) => unchanged(input[i], item));
	}
	const keys = Object.keys(output);
	if (keys.length !== Object.keys(input).length) return false;
	const source = input as Record<string, unknown>;
	const target = output as Record<string, unknown>;
	return keys.every((key) => Object.hasOwn(source, key) && unchanged(source[key], target[key]));
}

/** Keeps an issue's data fields; symbols in paths become strings (they cannot be cloned). */
function cloneableIssue(issue: object): ValidationIssue {
	const copy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(issue)) {
		if (typeof value !== 'function' && typeof value !== 'symbol') copy[key] = value;
	}
	const path = (issue as ValidationIssue).path ?? [];
	copy.path = path.map((key) => (typeof key === 'symbol' ? String(key) : key));
	return copy as unknown as ValidationIssue;
}

// The validation worker entry (built to dist/validation-worker.js, run by a tinypool pool; its
// default export is the task function). Tiny on purpose: read each body in place, parse,
// `safeParse`, and send back one shared buffer of verdicts and JSON plus the issues of invalid bodies.

import {
	type InvalidItem,
	ITEM_KEEPS_TEXT,
	ITEM_TOPIC_MASK,
	type ValidationIssue,
	type ValidationRequest,
	type ValidationResponse,
	VERDICT_INVALID,
	VERDICT_JSON,
	VERDICT_KEEP,
} from '../../validation-protocol.js';
import { parseRawBody, RawBodyError } from '../raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS, UNKNOWN_TOPIC_ISSUES } from '../topic-schemas.js';

const encoder = new TextEncoder();

/** What validation made of a valid body: nothing changed, or the stripped payload. */
const UNCHANGED = Symbol('unchanged');

export default function validateBatch(request: ValidationRequest): ValidationResponse {
	const { items, spans } = request;
	const slabs = request.slabs.map((slab) => new Uint8Array(slab));
	const count = items.length;
	const verdicts = new Uint8Array(count);
	// Per body sent back: its bytes (unchanged) or the JSON of its stripped payload.
	const outputs = new Array<Uint8Array | string | undefined>(count);
	const invalid: InvalidItem[] = [];
	let total = 0;
	for (let i = 0; i < count; i++) {
		const slab = slabs[spans[3 * i] as number] as Uint8Array;
		const body = slab.subarray(spans[3 * i + 1], spans[3 * i + 2]);
		const item = items[i] as number;
		const judged = judgeBody(item & ITEM_TOPIC_MASK, body);
		if (Array.isArray(judged)) {
			verdicts[i] = VERDICT_INVALID;
			invalid.push([i, judged]);
		} else if (judged === UNCHANGED && (item & ITEM_KEEPS_TEXT) !== 0) {
			verdicts[i] = VERDICT_KEEP;
		} else {
			verdicts[i] = VERDICT_JSON;
			const output = judged === UNCHANGED ? body : (judged as string);
			outputs[i] = output;
			total += typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
		}
	}
	return pack(verdicts, outputs, total, invalid);
}

/** `UNCHANGED`, the JSON of the stripped payload, or the issues. */
function judgeBody(topic: number, body: Uint8Array): typeof UNCHANGED | string | ValidationIssue[] {
	const value = parseRawBody(body);
	if (value instanceof RawBodyError) return value.issues as ValidationIssue[];
	const schema = TOPIC_SCHEMAS[topic];
	if (schema === undefined) return UNKNOWN_TOPIC_ISSUES as ValidationIssue[];
	let data = fastPathOf(topic)(value);
	if (data === undefined) {
		const result = schema.safeParse(value);
		if (!result.success) return result.error.issues.map(cloneableIssue);
		data = result.data;
	}
	return unchanged(value, data) ? UNCHANGED : JSON.stringify(data);
}

/** One shared buffer: the ends (Int32), the verdicts, then the JSON bytes. */
function pack(
	verdicts: Uint8Array,
	outputs: readonly (Uint8Array | string | undefined)[],
	total: number,
	invalid: InvalidItem[],
): ValidationResponse {
	const count = verdicts.length;
	const shared = new SharedArrayBuffer(5 * count + total);
	const ends = new Int32Array(shared, 0, count);
	const sharedVerdicts = new Uint8Array(shared, 4 * count, count);
	const json = new Uint8Array(shared, 5 * count, total);
	sharedVerdicts.set(verdicts);
	let offset = 0;
	for (let i = 0; i < count; i++) {
		const output = outputs[i];
		if (typeof output === 'string') {
			offset += encoder.encodeInto(output, json.subarray(offset)).written;
		} else if (output !== undefined) {
			json.set(output, offset);
			offset += output.byteLength;
		}
		ends[i] = offset;
	}
	return { verdicts: sharedVerdicts, ends, json, invalid };
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

import { UNKNOWN_TOPIC_INDEX } from './pending-event.js';
import { decodeRawBody, RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS, UNKNOWN_TOPIC_ISSUES } from './topic-schemas.js';
import type { ValidationIssue } from './validation-protocol.js';

/** An event found invalid; `issues()` reads them only when someone asks. */
export class InvalidCapture {
	readonly issues: () => readonly ValidationIssue[];

	constructor(issues: () => readonly ValidationIssue[]) {
		this.issues = issues;
	}
}

const UNKNOWN_TOPIC = new InvalidCapture(() => UNKNOWN_TOPIC_ISSUES);

/**
 * What batching keeps of an offered event, taken during the `emit` call, so that whatever the
 * caller does with its object or buffer afterwards changes nothing:
 * - an object: the fresh, stripped copy of a valid payload (see {@link judgePayload}), or an
 *   {@link InvalidCapture} with the issues found at the call;
 * - a raw body: its text (a string as it is; bytes decoded now, see `captureBody`), parsed and
 *   validated later with its batch, inline or on a worker;
 * - an unknown topic: an {@link InvalidCapture}.
 */
export function captureEvent(topicIndex: number, input: unknown, raw: boolean): unknown {
	if (topicIndex === UNKNOWN_TOPIC_INDEX) return UNKNOWN_TOPIC;
	return raw ? captureBody(input as Uint8Array | string) : judgePayload(topicIndex, input);
}

/**
 * Validates a payload and never throws: the compiled fast path's fresh, stripped copy when it can
 * vouch for the payload (tens of nanoseconds); else Zod decides: `safeParse`'s output (also a fresh
 * object) or an {@link InvalidCapture}. A payload whose getters or proxy traps throw is invalid
 * data (issue `invalid_input`), never a broken pipeline.
 */
export function judgePayload(topicIndex: number, value: unknown): unknown {
	const schema = TOPIC_SCHEMAS[topicIndex];
	if (schema === undefined) return UNKNOWN_TOPIC;
	try {
		const fast = fastPathOf(topicIndex)(value);
		if (fast !== undefined) return fast;
		const result = schema.safeParse(value);
		if (result.success) return result.data;
		// zod builds the error lazily: only read it if the issues are wanted.
		return new InvalidCapture(() => result.error.issues as readonly ValidationIssue[]);
	} catch (error) {
		const issues = [readFailureIssue(error)];
		return new InvalidCapture(() => issues);
	}
}

/** The issue of a payload that threw while it was read (a getter, a proxy trap). */
export function readFailureIssue(error: unknown): ValidationIssue {
	const reason = error instanceof Error ? error.message : typeof error;
	return Object.freeze({
		code: 'invalid_input',
		message: `Reading the payload threw: ${reason.slice(0, 200)}`,
		path: [],
	}) as ValidationIssue;
}

/**
 * The text of a body: a string as it is; bytes decoded as strict UTF-8 now. Inline validation
 * decodes them anyway (the decode only moves to the call); for a body bound to a worker it is extra
 * main-thread work, about 0.6 µs per KB (bench/RESULTS.md), which a copy of the bytes costs too.
 * Bytes that are not UTF-8 are invalid at the call.
 */
function captureBody(body: Uint8Array | string): string | InvalidCapture {
	const text = decodeRawBody(body);
	if (!(text instanceof RawBodyError)) return text;
	return new InvalidCapture(() => text.issues);
}

import { isUtf8 } from 'node:buffer';
import { UNKNOWN_TOPIC_INDEX } from '../pending-event.js';
import type { BodyArena, CapturedBody } from '../queue/index.js';
import type { ValidationIssue } from '../validation-protocol.js';
import { RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS, UNKNOWN_TOPIC_ISSUES } from './topic-schemas.js';

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
 * - a raw body: a string as it is; bytes copied into `bodies` (see `captureBody`); parsed and
 *   validated later with its batch, inline or on a worker;
 * - an unknown topic: an {@link InvalidCapture}.
 */
export function captureEvent(
	topicIndex: number,
	input: unknown,
	raw: boolean,
	bodies: BodyArena,
): unknown {
	if (topicIndex === UNKNOWN_TOPIC_INDEX) return UNKNOWN_TOPIC;
	return raw ? captureBody(input as Uint8Array | string, bodies) : judgePayload(topicIndex, input);
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

const INVALID_UTF8 = new InvalidCapture(
	() => new RawBodyError('invalid_utf8', 'The body is not valid UTF-8').issues,
);

/**
 * A string as it is (strings cannot change); bytes checked as UTF-8 and copied once into the
 * publisher's {@link BodyArena} (one `memcpy` into reused shared memory: about 0.1 ns per byte, and
 * nothing for the garbage collector to keep), so the caller may reuse its buffer at once. A worker
 * reads the copy in place; inline validation decodes it with its batch. Bytes that are not UTF-8
 * are invalid at the call.
 */
function captureBody(
	body: Uint8Array | string,
	bodies: BodyArena,
): string | CapturedBody | InvalidCapture {
	if (typeof body === 'string') return body;
	return utf8(body) ? bodies.capture(body) : INVALID_UTF8;
}

/** `isUtf8`, false for a view of a detached buffer (it throws). */
function utf8(body: Uint8Array): boolean {
	try {
		return isUtf8(body);
	} catch {
		return false;
	}
}

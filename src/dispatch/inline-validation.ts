import type { PendingEvent } from './pending-event.js';
import { parseRawBody, RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS, UNKNOWN_TOPIC_ISSUES } from './topic-schemas.js';
import type { ValidationIssue } from './validation-protocol.js';

/** An event that failed validation; `issues()` reads them only when someone asks. */
export class InvalidEvent {
	readonly event: PendingEvent;
	readonly issues: () => readonly ValidationIssue[];

	constructor(event: PendingEvent, issues: () => readonly ValidationIssue[]) {
		this.event = event;
		this.issues = issues;
	}
}

/** The result of validating one batch, valid events in batch order. */
export interface ValidationOutcome {
	readonly valid: PendingEvent[];
	/**
	 * Per valid event: the stripped payload; or, from a worker, its JSON (a string, or the raw
	 * body itself when validation changed nothing).
	 */
	readonly values: unknown[];
	readonly invalid: InvalidEvent[];
	readonly mode: 'inline' | 'worker';
}

const unknownTopic = (): readonly ValidationIssue[] => UNKNOWN_TOPIC_ISSUES;

/**
 * Validates one event on this thread with `safeParse` (never throws): returns the stripped
 * payload, or an {@link InvalidEvent}.
 */
export function validateEventInline(event: PendingEvent): unknown {
	try {
		return validateOrThrow(event);
	} catch (error) {
		// A payload whose getters or proxy traps throw is invalid data, never a broken pipeline.
		const issues = [readFailureIssue(error)];
		return new InvalidEvent(event, () => issues);
	}
}

function validateOrThrow(event: PendingEvent): unknown {
	const schema = TOPIC_SCHEMAS[event.topicIndex];
	if (schema === undefined) return new InvalidEvent(event, unknownTopic);
	let value = event.input;
	if (event.raw) {
		value = parseRawBody(event.input as Uint8Array | string);
		if (value instanceof RawBodyError) {
			const issues = value.issues;
			return new InvalidEvent(event, () => issues);
		}
	}
	const fast = fastPathOf(event.topicIndex)(value);
	if (fast !== undefined) return fast;
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	// zod 4 builds the error lazily: only read it if the issues are wanted.
	return new InvalidEvent(event, () => result.error.issues as readonly ValidationIssue[]);
}

function readFailureIssue(error: unknown): ValidationIssue {
	const reason = error instanceof Error ? error.message : typeof error;
	return Object.freeze({
		code: 'invalid_input',
		message: `Reading the payload threw: ${reason.slice(0, 200)}`,
		path: [],
	}) as ValidationIssue;
}

/** Validates a whole batch inline. */
export function validateInline(events: readonly PendingEvent[]): ValidationOutcome {
	const valid: PendingEvent[] = [];
	const values: unknown[] = [];
	const invalid: InvalidEvent[] = [];
	for (let i = 0; i < events.length; i++) {
		const event = events[i] as PendingEvent;
		const value = validateEventInline(event);
		if (value instanceof InvalidEvent) invalid.push(value);
		else {
			valid.push(event);
			values.push(value);
		}
	}
	return { valid, values, invalid, mode: 'inline' };
}

import type { PendingEvent } from '../pending-event.js';
import { CapturedBody } from '../queue/index.js';
import type { ValidationIssue } from '../validation-protocol.js';
import { InvalidCapture, judgePayload } from './capture-event.js';
import { parseRawBody, RawBodyError } from './raw-body.js';

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
	 * Per valid event: the stripped payload; or, from a worker, its JSON: the body's own text (a
	 * string body validation left as it was), or a view of UTF-8 JSON in the worker's reply.
	 */
	readonly values: unknown[];
	readonly invalid: InvalidEvent[];
	readonly mode: 'inline' | 'worker';
}

/**
 * Validates one queued event on this thread and never throws: returns its stripped payload, or an
 * {@link InvalidEvent}. An object event was judged when it was emitted (see `captureEvent`): its
 * input already is the valid payload. A raw body (its text, or its bytes in the arena) is parsed
 * and judged now.
 */
export function validateEventInline(event: PendingEvent): unknown {
	if (!event.raw) return event.input;
	const input = event.input;
	const value = parseRawBody(input instanceof CapturedBody ? input.bytes() : (input as string));
	if (value instanceof RawBodyError) {
		const issues = value.issues;
		return new InvalidEvent(event, () => issues);
	}
	const judged = judgePayload(event.topicIndex, value);
	return judged instanceof InvalidCapture ? new InvalidEvent(event, judged.issues) : judged;
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

import type { EventAccounting } from './event-accounting.js';
import type { PendingEvent } from './pending-event.js';
import { InvalidBodyError } from './publisher-errors.js';
import { parseRawBody, RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS } from './topic-schemas.js';
import type { ValidationIssue } from './validation-protocol.js';

/**
 * Sync (compat) validation: `parse`, so a bad payload throws the very `ZodError` that
 * `createIntegrationsEvent` throws; a bad raw body throws `InvalidBodyError`. Returns the payload;
 * an invalid event is counted (and reported to `onInvalid`) before the throw.
 */
export function validateSync(event: PendingEvent, accounting: EventAccounting): unknown {
	const schema = TOPIC_SCHEMAS[event.topicIndex];
	if (schema === undefined) throw new TypeError(`No schema for topic slot ${event.topicIndex}`);
	let value = event.input;
	if (event.raw) {
		value = parseRawBody(event.input as Uint8Array | string);
		if (value instanceof RawBodyError) {
			const issues = value.issues;
			accounting.invalid(event, () => issues);
			throw new InvalidBodyError(issues);
		}
	}
	const fast = fastPathOf(event.topicIndex)(value);
	if (fast !== undefined) return fast;
	try {
		return schema.parse(value);
	} catch (error) {
		const issues = (error as { issues?: readonly ValidationIssue[] }).issues ?? [];
		accounting.invalid(event, () => issues);
		throw error;
	}
}

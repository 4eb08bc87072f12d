import type { EventAccounting } from '../accounting/index.js';
import type { PendingEvent } from '../pending-event.js';
import { InvalidBodyError } from '../publisher-errors.js';
import type { ValidationIssue } from '../validation-protocol.js';
import { readFailureIssue } from './capture-event.js';
import { parseRawBody, RawBodyError } from './raw-body.js';
import { fastPathOf, TOPIC_SCHEMAS } from './topic-schemas.js';

/**
 * Sync (compat) validation, during the `emit` call: `parse`, so a bad payload throws the very
 * `ZodError` that `createIntegrationsEvent` throws; a bad raw body throws `InvalidBodyError`.
 * Returns the payload (a fresh, stripped copy, as upstream's `parse` returns). An invalid event is
 * counted (and reported to `onInvalid`) before the throw; so is a payload whose getter or proxy
 * trap throws, whose own error is then rethrown as `parse` would.
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
	try {
		return fastPathOf(event.topicIndex)(value) ?? schema.parse(value);
	} catch (error) {
		const zodIssues = (error as { issues?: readonly ValidationIssue[] }).issues;
		const issues = Array.isArray(zodIssues) ? zodIssues : [readFailureIssue(error)];
		accounting.invalid(event, () => issues);
		throw error;
	}
}

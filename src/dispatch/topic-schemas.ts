import type { z } from 'zod/v4';
import { INTEGRATIONS_EVENT_SCHEMAS } from '../events/integrations-events.js';
import { INTEGRATIONS_TOPIC_LIST } from '../events/topics.js';
import type { ValidationIssue } from './validation-protocol.js';

/** The payload schema of each topic slot; `undefined` for the unknown-topic slot. */
export const TOPIC_SCHEMAS: readonly (z.ZodType | undefined)[] = Object.freeze(
	INTEGRATIONS_TOPIC_LIST.map((topic) => INTEGRATIONS_EVENT_SCHEMAS[topic] as z.ZodType),
);

/** The issue reported for an event whose topic is not an integrations topic. */
export const UNKNOWN_TOPIC_ISSUES: readonly ValidationIssue[] = Object.freeze([
	Object.freeze({ code: 'unknown_topic', message: 'Not an integrations topic', path: ['type'] }),
]);

import type { z } from 'zod';
import type { FastPath } from '../../events/index.js';
import {
	INTEGRATIONS_EVENT_FAST_PATHS,
	INTEGRATIONS_EVENT_SCHEMAS,
	INTEGRATIONS_TOPIC_LIST,
} from '../../events/index.js';
import type { ValidationIssue } from '../validation-protocol.js';

/** The payload schema of each topic slot; `undefined` for the unknown-topic slot. */
export const TOPIC_SCHEMAS: readonly (z.ZodType | undefined)[] = Object.freeze(
	INTEGRATIONS_TOPIC_LIST.map((topic) => INTEGRATIONS_EVENT_SCHEMAS[topic] as z.ZodType),
);

const notSure: FastPath<unknown> = () => undefined;

/**
 * The compiled fast path of each topic slot (see `compileFastPath`): the stripped payload of a
 * certainly valid input, else `undefined` and the schema decides. The unknown-topic slot is never sure.
 */
export const TOPIC_FAST_PATHS: readonly FastPath<unknown>[] = Object.freeze(
	INTEGRATIONS_TOPIC_LIST.map((topic) => INTEGRATIONS_EVENT_FAST_PATHS[topic] as FastPath<unknown>),
);

/** The fast path of a slot, `notSure` for the unknown-topic slot. */
export function fastPathOf(topicIndex: number): FastPath<unknown> {
	return TOPIC_FAST_PATHS[topicIndex] ?? notSure;
}

/** The issue reported for an event whose topic is not an integrations topic. */
export const UNKNOWN_TOPIC_ISSUES: readonly ValidationIssue[] = Object.freeze([
	Object.freeze({ code: 'unknown_topic', message: 'Not an integrations topic', path: ['type'] }),
]);

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { compileFastPath } from '../../src/events/compile-fast-path.js';
import {
	INTEGRATIONS_EVENT_FAST_PATHS,
	INTEGRATIONS_EVENT_SCHEMAS,
} from '../../src/events/integrations-events.js';
import { INTEGRATIONS_TOPIC_LIST, INTEGRATIONS_TOPICS } from '../../src/events/topics.js';
import { validEvents } from '../fixtures/events.js';

const topicOf = {
	connected: INTEGRATIONS_TOPICS.connected,
	dataSynced: INTEGRATIONS_TOPICS.dataSynced,
	apiCalled: INTEGRATIONS_TOPICS.apiCalled,
	webhookReceived: INTEGRATIONS_TOPICS.webhookReceived,
} as const;

describe('compileFastPath', () => {
	it('compiles all four event schemas', () => {
		for (const topic of INTEGRATIONS_TOPIC_LIST) {
			expect(compileFastPath(INTEGRATIONS_EVENT_SCHEMAS[topic])).not.toBeNull();
		}
	});

	it('returns the same fresh, stripped object as Zod for valid payloads', () => {
		for (const [kind, payload] of Object.entries(validEvents)) {
			const topic = topicOf[kind as keyof typeof topicOf];
			const input = { ...payload, unknownKey: 1 };
			const fast = INTEGRATIONS_EVENT_FAST_PATHS[topic](input);
			const zod = INTEGRATIONS_EVENT_SCHEMAS[topic].parse(input);
			expect(fast).toStrictEqual(zod);
			expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
			expect(fast).not.toBe(input);
		}
	});

	it('never accepts what Zod rejects, and agrees on output when both accept', () => {
		const value = fc.oneof(
			fc.string({ maxLength: 4 }),
			fc.integer({ min: -3, max: 3 }),
			fc.double(),
			fc.boolean(),
			fc.constantFrom(null, undefined, [], {}, 2 ** 60, -0, 'api', 'GET', 'completed', 'inbound'),
		);
		for (const [kind, payload] of Object.entries(validEvents)) {
			const topic = topicOf[kind as keyof typeof topicOf];
			const keys = Object.keys(payload);
			const patch = fc.dictionary(fc.constantFrom(...keys, 'other'), value, { maxKeys: 3 });
			fc.assert(
				fc.property(patch, (changes) => {
					const input = { ...payload, ...changes };
					const fast = INTEGRATIONS_EVENT_FAST_PATHS[topic](input);
					const zod = INTEGRATIONS_EVENT_SCHEMAS[topic].safeParse(input);
					if (fast !== undefined) {
						expect(zod.success).toBe(true);
						expect(fast).toStrictEqual(zod.data);
					}
				}),
				{ numRuns: 500 },
			);
		}
	});

	it('leaves non-objects, arrays and present-but-undefined optional keys to Zod', () => {
		const fast = INTEGRATIONS_EVENT_FAST_PATHS[INTEGRATIONS_TOPICS.connected];
		for (const input of [null, undefined, 'x', 1, [], [validEvents.connected]]) {
			expect(fast(input)).toBeUndefined();
		}
		expect(fast({ ...validEvents.connected, endpoint: undefined })).toBeUndefined();
	});

	it('declines schemas it cannot judge exactly', () => {
		expect(compileFastPath(z.object({ url: z.string().url() }))).toBeNull();
		expect(compileFastPath(z.object({ n: z.number().multipleOf(2) }))).toBeNull();
		expect(compileFastPath(z.object({ a: z.array(z.string()) }))).toBeNull();
		expect(compileFastPath(z.string())).toBeNull();
	});

	it('enforces number bounds like Zod', () => {
		const schema = z.object({ n: z.number().int().positive().max(100) });
		const fast = compileFastPath(schema)!;
		for (const n of [0, 1, 100, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1]) {
			expect(fast({ n }) !== undefined).toBe(schema.safeParse({ n }).success);
		}
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z as z4 } from 'zod';
import { z as z3 } from 'zod3';
import { compileFastPath } from '../../src/events/compile-fast-path.js';
import { buildEventSchema, intField, type SharedZod } from '../../src/events/event-fields.js';
import { INTEGRATIONS_EVENT_FAST_PATHS } from '../../src/events/index.js';
import { INTEGRATIONS_EVENT_FIELDS } from '../../src/events/integrations-events.js';
import {
	INTEGRATIONS_EVENT_SCHEMAS,
	INTEGRATIONS_TOPIC_LIST,
	INTEGRATIONS_TOPICS,
} from '../../src/index.js';
import { validEvents } from '../support/valid-events.js';

const topicOf = {
	connected: INTEGRATIONS_TOPICS.connected,
	dataSynced: INTEGRATIONS_TOPICS.dataSynced,
	apiCalled: INTEGRATIONS_TOPICS.apiCalled,
	webhookReceived: INTEGRATIONS_TOPICS.webhookReceived,
} as const;

// The judges the fast path must agree with: the schemas as a zod 3.25.76 caller and a zod 4 caller
// get them (built from the same field description with each major's own `z`).
const judges = [
	{ major: 'zod 3.25.76', z: z3 as unknown as SharedZod },
	{ major: 'zod 4', z: z4 as unknown as SharedZod },
];

const value = fc.oneof(
	fc.string({ maxLength: 4 }),
	fc.integer({ min: -3, max: 3 }),
	fc.double(),
	fc.boolean(),
	fc.constantFrom(
		null,
		undefined,
		[],
		{},
		2 ** 60,
		-0,
		Number.MAX_SAFE_INTEGER,
		Number.POSITIVE_INFINITY,
		Number.NaN,
		'api',
		'GET',
		'completed',
		'inbound',
		new Date(0),
	),
);

describe('compileFastPath', () => {
	it('returns the same fresh, stripped object as either zod major for valid payloads', () => {
		for (const [kind, payload] of Object.entries(validEvents)) {
			const topic = topicOf[kind as keyof typeof topicOf];
			const input = { ...payload, unknownKey: 1 };
			const fast = INTEGRATIONS_EVENT_FAST_PATHS[topic](input);
			expect(fast).not.toBe(input);
			for (const { z } of judges) {
				const zod = buildEventSchema(z, INTEGRATIONS_EVENT_FIELDS[topic]).parse(input);
				expect(fast).toStrictEqual(zod);
				expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
			}
		}
	});

	for (const { major, z } of judges) {
		it(`never accepts what ${major} rejects, and agrees on the output when both accept`, () => {
			for (const [kind, payload] of Object.entries(validEvents)) {
				const topic = topicOf[kind as keyof typeof topicOf];
				const schema = buildEventSchema(z, INTEGRATIONS_EVENT_FIELDS[topic]);
				const keys = Object.keys(payload);
				const patch = fc.dictionary(fc.constantFrom(...keys, 'other'), value, { maxKeys: 3 });
				fc.assert(
					fc.property(patch, fc.boolean(), (changes, nullProto) => {
						const input = { ...payload, ...changes };
						const subject = nullProto ? Object.assign(Object.create(null), input) : input;
						const fast = INTEGRATIONS_EVENT_FAST_PATHS[topic](subject);
						const zod = schema.safeParse(subject);
						if (fast !== undefined) {
							expect(zod.success).toBe(true);
							expect(fast).toStrictEqual(zod.data);
						}
					}),
					{ numRuns: 1_000 },
				);
			}
		});
	}

	it('is what the exported schemas are built from', () => {
		for (const topic of INTEGRATIONS_TOPIC_LIST) {
			const built = buildEventSchema(z4 as unknown as SharedZod, INTEGRATIONS_EVENT_FIELDS[topic]);
			expect(Object.keys(INTEGRATIONS_EVENT_SCHEMAS[topic].shape)).toStrictEqual(
				Object.keys((built as z4.ZodObject).shape),
			);
		}
	});

	it('leaves non-objects, arrays, class instances and present-but-undefined optional keys to Zod', () => {
		const fast = INTEGRATIONS_EVENT_FAST_PATHS[INTEGRATIONS_TOPICS.connected];
		const dated = Object.assign(new Date(0), validEvents.connected);
		const mapped = Object.assign(new Map(), validEvents.connected);
		for (const input of [null, undefined, 'x', 1, [], [validEvents.connected], dated, mapped]) {
			expect(fast(input)).toBeUndefined();
		}
		expect(fast({ ...validEvents.connected, endpoint: undefined })).toBeUndefined();
	});

	it('vouches only for safe integers within the bound, as both majors accept', () => {
		const fields = { n: intField('positive') };
		const fast = compileFastPath<{ n: number }>(fields);
		for (const n of [0, 1, 100, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 60, -0]) {
			const sure = fast({ n }) !== undefined;
			for (const { z } of judges) {
				if (sure) expect(buildEventSchema(z, fields).safeParse({ n }).success).toBe(true);
			}
			expect(sure).toBe(Number.isSafeInteger(n) && n > 0);
		}
	});
});

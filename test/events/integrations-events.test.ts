import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';
import * as upstream from '../../bench/baseline/upstream-integrations.js';
import {
	ApiCallEventSchema,
	createIntegrationsEvent,
	DataSyncEventSchema,
	INTEGRATIONS_EVENT_SCHEMAS,
	INTEGRATIONS_TOPICS,
	IntegrationConnectedEventSchema,
	WebhookReceivedEventSchema,
} from '../../src/index.js';
import { type EventKind, eventCases, patch, validEvents } from '../support/valid-events.js';

const ours = {
	connected: IntegrationConnectedEventSchema,
	dataSynced: DataSyncEventSchema,
	apiCalled: ApiCallEventSchema,
	webhookReceived: WebhookReceivedEventSchema,
} as const;
const theirs = {
	connected: upstream.IntegrationConnectedEventSchema,
	dataSynced: upstream.DataSyncEventSchema,
	apiCalled: upstream.ApiCallEventSchema,
	webhookReceived: upstream.WebhookReceivedEventSchema,
} as const;
const kinds = Object.keys(validEvents) as EventKind[];

// This file runs under both zod majors (vitest projects `zod4` and `zod3`, the latter resolving
// `zod` to zod 3.25.76 as a Cortex-OS caller has it). `theirs` is upstream's code on zod 3 itself;
// `upstreamOnCallersZod` is upstream's definitions written with the caller's own `z`.
const major = '_zod' in z.string() ? 4 : 3;
const upstreamOnCallersZod = {
	apiCalled: z.object({
		integrationId: z.string(),
		method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
		endpoint: z.string(),
		statusCode: z.number().int().positive(),
		duration: z.number().int().nonnegative(),
		requestSize: z.number().int().nonnegative().optional(),
		responseSize: z.number().int().nonnegative().optional(),
		calledAt: z.string(),
	}),
};

const thrown = (fn: () => unknown): unknown => {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('did not throw');
};

describe('event schemas match upstream', () => {
	for (const kind of kinds) {
		for (const [name, changes, accepted] of eventCases[kind]) {
			it(`${kind}: ${name} is ${accepted ? 'accepted' : 'rejected'} with the same output`, () => {
				const input = patch(validEvents[kind], changes);
				const mine = ours[kind].safeParse(input);
				const reference = theirs[kind].safeParse(input);
				expect(reference.success).toBe(accepted);
				expect(mine.success).toBe(accepted);
				if (mine.success && reference.success) expect(mine.data).toStrictEqual(reference.data);
			});
		}
	}

	it('accepts and rejects exactly what upstream does on random payloads', () => {
		const value = fc.oneof(
			fc.string(),
			fc.integer({ min: -10, max: 10_000 }),
			fc.double({ noNaN: false }),
			fc.boolean(),
			fc.constant(null),
			fc.constantFrom('api', 'webhook', 'GET', 'POST', 'inbound', 'completed', 'active'),
		);
		for (const kind of kinds) {
			const keys = Object.keys(validEvents[kind]);
			const arbitrary = fc.record(
				Object.fromEntries(keys.map((key) => [key, fc.oneof(value, fc.constant(undefined))])),
				{ requiredKeys: [] },
			);
			fc.assert(
				fc.property(arbitrary, fc.boolean(), (random, keepValid) => {
					const input = keepValid ? { ...validEvents[kind], ...random } : random;
					const mine = ours[kind].safeParse(input);
					const reference = theirs[kind].safeParse(input);
					// zod 4 also rejects unsafe integers and Infinity where zod 3 took them (documented).
					const unsafe = Object.values(input).some(
						(v) => typeof v === 'number' && Number.isFinite(v) && !Number.isSafeInteger(v),
					);
					if (!unsafe) expect(mine.success).toBe(reference.success);
					if (mine.success && reference.success) expect(mine.data).toStrictEqual(reference.data);
				}),
				{ numRuns: 300 },
			);
		}
	});
});

describe('createIntegrationsEvent', () => {
	const methods = Object.keys(INTEGRATIONS_TOPICS) as EventKind[];

	it.each(methods)('%s returns { type, data } with the upstream topic string', (method) => {
		const event = createIntegrationsEvent[method](validEvents[method] as never);
		expect(event).toStrictEqual(
			upstream.createIntegrationsEvent[method](validEvents[method] as never),
		);
		expect(event.type).toBe(INTEGRATIONS_TOPICS[method]);
	});

	it('uses the literal upstream topic strings', () => {
		expect(INTEGRATIONS_TOPICS).toStrictEqual({
			connected: 'integrations.connection.established',
			dataSynced: 'integrations.data.synced',
			apiCalled: 'integrations.api.called',
			webhookReceived: 'integrations.webhook.received',
		});
	});

	it.each(methods)("%s throws the caller's own ZodError synchronously on bad input", (method) => {
		expect(() => createIntegrationsEvent[method]({} as never)).toThrow(ZodError);
	});

	it(`throws exactly the issues the caller's zod (zod ${major}) gives for upstream's definition`, () => {
		const input = { ...validEvents.apiCalled, statusCode: 0, method: 'HEAD', duration: 1.5 };
		const error = thrown(() => createIntegrationsEvent.apiCalled(input as never)) as ZodError;
		expect(error).toBeInstanceOf(ZodError);
		const reference = upstreamOnCallersZod.apiCalled.safeParse(input);
		expect(error.issues).toStrictEqual(reference.error?.issues);
		if (major === 3) {
			// What a Cortex-OS catch block reads today: zod 3's `.errors`, codes and messages.
			expect((error as unknown as { errors: unknown }).errors).toStrictEqual(error.issues);
			expect(error.issues).toStrictEqual(theirs.apiCalled.safeParse(input).error?.issues);
			expect(error.issues.map((issue) => issue.code)).toContain('invalid_enum_value');
		}
	});

	it("returns schemas that compose with the caller's z", () => {
		const wrapped = z.object({ x: DataSyncEventSchema, list: z.array(ApiCallEventSchema) });
		const parsed = wrapped.parse({ x: { ...validEvents.dataSynced, extra: 1 }, list: [] });
		expect(parsed.x).toStrictEqual(validEvents.dataSynced);
		const either = z.union([DataSyncEventSchema, WebhookReceivedEventSchema]);
		expect(either.safeParse(validEvents.webhookReceived).success).toBe(true);
		const extended = DataSyncEventSchema.extend({ tenant: z.string() });
		expect(extended.safeParse(validEvents.dataSynced).success).toBe(false);
		expect(DataSyncEventSchema.shape.direction.parse('inbound')).toBe('inbound');
	});

	it('strips unknown keys and returns a fresh object', () => {
		const input = { ...validEvents.dataSynced, secret: 'x' };
		const event = createIntegrationsEvent.dataSynced(input);
		expect(event.data).not.toBe(input);
		expect(event.data).not.toHaveProperty('secret');
		expect(input).toHaveProperty('secret');
	});

	it('reports the same issue paths as upstream', () => {
		const input = { ...validEvents.apiCalled, statusCode: 0, method: 'HEAD' };
		const mine = (() => {
			try {
				createIntegrationsEvent.apiCalled(input as never);
			} catch (error) {
				return (error as ZodError).issues.map((issue) => issue.path.join('.')).sort();
			}
		})();
		const reference = upstream.ApiCallEventSchema.safeParse(input);
		expect(reference.success).toBe(false);
		expect(mine).toStrictEqual(reference.error?.issues.map((issue) => issue.path.join('.')).sort());
	});

	it('maps every topic to its schema', () => {
		expect(INTEGRATIONS_EVENT_SCHEMAS[INTEGRATIONS_TOPICS.apiCalled]).toBe(ApiCallEventSchema);
		expect(Object.keys(INTEGRATIONS_EVENT_SCHEMAS)).toStrictEqual(
			Object.values(INTEGRATIONS_TOPICS),
		);
	});
});

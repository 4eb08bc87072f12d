// Question 11: is memoizing validation worth it? Per iteration 100 events: validating them (zod 4
// `safeParse` with the library's schemas) against identity-based reuse (a WeakSet of objects
// already validated and frozen) and hash-based caches (JSON.stringify + SHA-1 + Map lookup: the
// cost of a cache HIT, the best case). For small events, for a 20 KB payload, and for raw bodies
// (hashing bytes that already exist vs JSON.parse + validate).
import { hash } from 'node:crypto';
import { bench, describe } from 'vitest';
import { INTEGRATIONS_EVENT_SCHEMAS, INTEGRATIONS_TOPICS } from '../dist/index.js';
import { eventMix } from './lib/event-mix.js';

type Schema = { safeParse(value: unknown): { success: boolean } };
interface Item {
	readonly schema: Schema;
	readonly data: Record<string, unknown>;
}

const options = { time: Number(process.env.BENCH_TIME_MS ?? 1500), warmupTime: 300 };
const schemas = INTEGRATIONS_EVENT_SCHEMAS as unknown as Record<string, Schema>;

const small: Item[] = eventMix(100).map((e) => ({
	schema: schemas[INTEGRATIONS_TOPICS[e.kind]]!,
	data: Object.freeze(e.data),
}));

/** Webhook events carrying ~20 KB of line items (not in the schema: stripped, not validated). */
const large: Item[] = Array.from({ length: 100 }, (_, i) => {
	const items = Array.from({ length: 190 }, (_, j) => ({
		id: `item-${i}-${j}`,
		name: `Line ${j}`,
		amount: j * 7,
		paid: j % 2 === 0,
		tags: ['x', 'y'],
	}));
	const data = {
		integrationId: `int-${i}`,
		webhookId: `wh-${i}`,
		source: 'stripe',
		event: 'charge.succeeded',
		payloadSize: 20_000,
		processed: false,
		receivedAt: '2026-01-01T00:00:00.000Z',
		payload: { items },
	};
	return { schema: schemas[INTEGRATIONS_TOPICS.webhookReceived]!, data: Object.freeze(data) };
});
const largeBodies = large.map((item) => Buffer.from(JSON.stringify(item.data)));

function validateAll(items: readonly Item[]): number {
	let ok = 0;
	for (const item of items) if (item.schema.safeParse(item.data).success) ok++;
	return ok;
}

function identityReuse(items: readonly Item[], seen: WeakSet<object>): number {
	let ok = 0;
	for (const item of items) {
		if (seen.has(item.data) || item.schema.safeParse(item.data).success) ok++;
	}
	return ok;
}

function hashCacheHit(items: readonly Item[], cache: Map<string, boolean>): number {
	let ok = 0;
	for (const item of items) if (cache.get(hash('sha1', JSON.stringify(item.data)))) ok++;
	return ok;
}

function stringifyOnly(items: readonly Item[]): number {
	let length = 0;
	for (const item of items) length += JSON.stringify(item.data).length;
	return length;
}

function warmCaches(items: readonly Item[]) {
	const seen = new WeakSet<object>(items.map((item) => item.data));
	const cache = new Map(items.map((item) => [hash('sha1', JSON.stringify(item.data)), true]));
	return { seen, cache };
}

for (const [label, items] of [
	['small events (~200 B, the four kinds)', small],
	['20 KB payloads (extra fields, stripped by the schema)', large],
] as const) {
	const { seen, cache } = warmCaches(items);
	describe(`memoization, 100 ${label}`, () => {
		bench(
			'baseline: validate every time (zod 4 safeParse)',
			() => void validateAll(items),
			options,
		);
		bench(
			'identity reuse: WeakSet hit, no validation',
			() => void identityReuse(items, seen),
			options,
		);
		bench(
			'hash cache HIT: JSON.stringify + sha1 + Map.get',
			() => void hashCacheHit(items, cache),
			options,
		);
		bench('JSON.stringify alone (the cheapest key)', () => void stringifyOnly(items), options);
	});
}

describe('memoization, 100 raw 20 KB bodies (emitRaw)', () => {
	const schema = schemas[INTEGRATIONS_TOPICS.webhookReceived]!;
	const cache = new Map(largeBodies.map((body) => [hash('sha1', body), true]));
	bench(
		'baseline: JSON.parse + validate every time',
		() => {
			for (const body of largeBodies) schema.safeParse(JSON.parse(body.toString('utf8')));
		},
		options,
	);
	const misses = new Map<string, boolean>();
	bench(
		'hash cache MISS on the raw bytes: sha1 + Map.get + JSON.parse + validate + Map.set',
		() => {
			misses.clear();
			for (const body of largeBodies) {
				const key = hash('sha1', body);
				if (misses.get(key) === undefined) {
					misses.set(key, schema.safeParse(JSON.parse(body.toString('utf8'))).success);
				}
			}
		},
		options,
	);
	bench(
		'hash cache HIT on the raw bytes: sha1 + Map.get',
		() => {
			for (const body of largeBodies) cache.get(hash('sha1', body));
		},
		options,
	);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	type BatchingOptions,
	createInProcessBus,
	createIntegrationsPublisher,
	type ValidationMode,
} from '../../src/index.js';
import { createCrashyPool } from '../support/crashy-pool.js';
import { guardProcess } from '../support/guard-process.js';
import { TOPIC_KEYS, type TopicKey, topicOf, validPayload } from '../support/seq-events.js';

// Property: whatever a caller does to an emitted object or byte body after `emit` returns (fields
// changed, deleted or added, nested values changed, getters that throw, bytes overwritten), what
// subscribers receive and the counts are those of the same emits left alone; and batching mode, in
// every validation mode, delivers exactly what sync mode delivers, in the same order per topic.

guardProcess();

const RUNS = Math.max(40, Math.round(Number(process.env.RELIABILITY_RUNS ?? 800) / 8));

const key = fc.constantFrom(
	'integrationId',
	'syncId',
	'status',
	'recordsProcessed',
	'statusCode',
	'processed',
	'extra',
	'other',
);
const mutation = fc.oneof(
	fc.record({ kind: fc.constant('set' as const), key, value: fc.anything() }),
	fc.record({ kind: fc.constant('delete' as const), key }),
	fc.record({ kind: fc.constant('nested' as const), value: fc.jsonValue() }),
	fc.record({ kind: fc.constant('throwing-getter' as const), key }),
	fc.record({
		kind: fc.constant('bytes' as const),
		at: fc.nat(),
		byte: fc.integer({ min: 0, max: 255 }),
	}),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

const emitOp = fc.record({
	kind: fc.constant('emit' as const),
	topic: fc.constantFrom(...TOPIC_KEYS),
	/** What goes in: an object, a JSON string body or a JSON byte body. */
	form: fc.constantFrom('object', 'object', 'object', 'string', 'bytes'),
	invalid: fc.constantFrom(false, false, false, true),
	/** An extra (stripped) key present at emit, possibly nested. */
	extra: fc.option(fc.oneof(fc.jsonValue(), fc.constant({ deep: { list: [1, 2] } }))),
	/** Applied right after the emit returns. */
	after: fc.array(mutation, { maxLength: 4 }),
});
const op = fc.oneof(
	{ arbitrary: emitOp, weight: 8 },
	{ arbitrary: fc.record({ kind: fc.constant('yield' as const) }), weight: 1 },
);
const scenario = fc.record({
	ops: fc.array(op, { minLength: 1, maxLength: 40 }),
	/** Applied to every emitted input after the last emit, before the flush. */
	late: fc.array(mutation, { maxLength: 3 }),
	maxBatchSize: fc.integer({ min: 1, max: 8 }),
	maxDelayMillis: fc.integer({ min: 0, max: 2 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type EmitOp = typeof emitOp extends fc.Arbitrary<infer T> ? T : never;

/** A fresh input of an emit op (each run builds its own). */
function inputOf(op: EmitOp, seq: number): unknown {
	const payload: Record<string, unknown> = { ...validPayload(op.topic as TopicKey, seq) };
	if (op.invalid) payload.integrationId = seq; // a number: fails every schema
	if (op.extra !== null) payload.extra = op.extra;
	if (op.form === 'object') return payload;
	const json = JSON.stringify(payload);
	return op.form === 'string' ? json : new TextEncoder().encode(json);
}

/** What a caller might do to its input after `emit` returned (its own errors are ignored). */
function mutate(input: unknown, m: Mutation): void {
	try {
		mutateOnce(input, m);
	} catch {
		// e.g. reading a key this caller itself turned into a throwing getter
	}
}

function mutateOnce(input: unknown, m: Mutation): void {
	if (input instanceof Uint8Array) {
		if (m.kind === 'bytes' && input.length > 0) input[m.at % input.length] = m.byte;
		return;
	}
	if (typeof input !== 'object' || input === null) return; // a string: immutable
	const target = input as Record<string, unknown>;
	if (m.kind === 'set') target[m.key] = m.value;
	else if (m.kind === 'delete') delete target[m.key];
	else if (m.kind === 'nested') mutateNested(target, m.value);
	else if (m.kind === 'throwing-getter') {
		Object.defineProperty(target, m.key, {
			get: () => {
				throw new Error('read after emit');
			},
			configurable: true,
			enumerable: true,
		});
	}
}

function mutateNested(target: Record<string, unknown>, value: unknown): void {
	const extra = target.extra;
	if (Array.isArray(extra)) extra.push(value);
	else if (typeof extra === 'object' && extra !== null) {
		(extra as Record<string, unknown>).changed = value;
		const deep = (extra as { deep?: { list?: unknown[] } }).deep;
		deep?.list?.push(value);
	} else target.extra = { added: value };
}

const MODES: Record<string, (() => BatchingOptions) | undefined> = {
	sync: undefined,
	inline: () => batching('inline'),
	auto: () => ({ ...batching('auto'), workers: { minRawBodyBytes: 0, pool: pool() } }),
	worker: () => ({ ...batching('worker'), workers: { pool: pool() } }),
};
const batching = (validation: ValidationMode): BatchingOptions => ({ enabled: true, validation });
// The real worker entry, run in-process after a structured clone, as a worker thread would.
const pool = () => createCrashyPool({ seed: 7, crashRate: 0, maxLatencyMillis: 1 }).pool;

interface Outcome {
	/** Per topic, the data each subscriber call received, as received (deep copies). */
	readonly received: Record<string, unknown[]>;
	/** The same envelopes' data read again after everything settled. */
	readonly atEnd: Record<string, unknown[]>;
	readonly counts: { offered: number; delivered: number; invalid: number; pending: number };
}

function append(lists: Record<string, unknown[]>, key: string, value: unknown): void {
	const list = lists[key] ?? [];
	list.push(value);
	lists[key] = list;
}

async function run(s: Scenario, mode: string, mutating: boolean): Promise<Outcome> {
	const bus = createInProcessBus();
	const received: Record<string, unknown[]> = {};
	const envelopes: { type: string; data: unknown }[] = [];
	bus.subscribe('*', (envelope) => {
		append(received, envelope.type, structuredClone(envelope.data));
		envelopes.push(envelope);
	});
	const options = MODES[mode]?.();
	const base = { maxBatchSize: s.maxBatchSize, maxDelayMillis: s.maxDelayMillis };
	const publisher = createIntegrationsPublisher({
		bus,
		env: false,
		batching: options && { ...options, ...base },
	});
	const inputs: unknown[] = [];
	for (const [seq, op] of s.ops.entries()) {
		if (op.kind === 'yield') {
			await new Promise((resolve) => setTimeout(resolve, 1));
			continue;
		}
		const input = inputOf(op, seq);
		inputs.push(input);
		const topic = topicOf(op.topic as TopicKey);
		try {
			if (op.form === 'object') publisher.emit(topic, input as never);
			else publisher.emitRaw(topic, input as string);
		} catch {
			// sync mode: the ZodError or InvalidBodyError of an invalid event
		}
		if (mutating) for (const m of op.after) mutate(input, m);
	}
	if (mutating) for (const input of inputs) for (const m of s.late) mutate(input, m);
	await publisher.close();
	const atEnd: Record<string, unknown[]> = {};
	for (const e of envelopes) append(atEnd, e.type, structuredClone(e.data));
	const { offered, delivered, invalid, pending } = publisher.stats();
	return { received, atEnd, counts: { offered, delivered, invalid, pending } };
}

describe('what emit captures (property)', () => {
	it('mutations after emit never change deliveries or counts; batching delivers what sync delivers, per topic in order', async () => {
		await fc.assert(
			fc.asyncProperty(scenario, async (s) => {
				const reference = await run(s, 'sync', false);
				expect(reference.received).toEqual(reference.atEnd);
				for (const mode of Object.keys(MODES)) {
					const outcome = await run(s, mode, true);
					expect(outcome.received, `${mode}: received`).toEqual(reference.received);
					expect(outcome.atEnd, `${mode}: data read after settling`).toEqual(reference.received);
					expect(outcome.counts, `${mode}: counts`).toEqual(reference.counts);
				}
			}),
			{ numRuns: RUNS },
		);
	}, 120_000);
});

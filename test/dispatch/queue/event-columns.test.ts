import type { SpanContext } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	type PendingEvent,
	topicIndexOf,
	UNKNOWN_TOPIC_INDEX,
} from '../../../src/dispatch/pending-event.js';
import { EventColumns } from '../../../src/dispatch/queue/event-columns.js';
import { INTEGRATIONS_TOPIC_LIST } from '../../../src/index.js';

interface Offered {
	readonly topic: string;
	readonly input: unknown;
	readonly raw: boolean;
	readonly spanContext: SpanContext | undefined;
	readonly epoch: number;
}

const span: SpanContext = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };
const offered = fc.record({
	topic: fc.oneof(fc.constantFrom(...INTEGRATIONS_TOPIC_LIST), fc.constant('no.such.topic')),
	input: fc.oneof(fc.object(), fc.string()),
	raw: fc.boolean(),
	spanContext: fc.option(fc.constant(span), { nil: undefined }),
	epoch: fc.nat(1_000_000),
});
/** Runs of operations, long enough to cross chunk boundaries (chunks hold 256 to 16,384 events). */
const run = fc.record({
	kind: fc.constantFrom('push', 'shift', 'pop'),
	count: fc.integer({ min: 1, max: 700 }),
	event: offered,
});

function push(lane: EventColumns, e: Offered): void {
	lane.push(e.topic, topicIndexOf(e.topic), e.input, e.raw, e.spanContext, e.epoch);
}

function expectEvent(actual: PendingEvent | undefined, expected: Offered | undefined): void {
	if (expected === undefined) {
		expect(actual).toBeUndefined();
		return;
	}
	expect(actual).toMatchObject({ ...expected, topicIndex: topicIndexOf(expected.topic) });
	expect(actual?.priority).toBe(1);
	expect(actual?.input).toBe(expected.input);
}

describe('EventColumns', () => {
	it('behaves like an array used as a deque across many chunks, keeping every field', () => {
		fc.assert(
			fc.property(fc.array(run, { maxLength: 40 }), (runs) => {
				const lane = new EventColumns(1);
				const model: Offered[] = [];
				for (const { kind, count, event } of runs) {
					for (let i = 0; i < count; i++) {
						if (kind === 'push') {
							const e = { ...event, epoch: event.epoch + i };
							push(lane, e);
							model.push(e);
						} else if (kind === 'shift') expectEvent(lane.shift(), model.shift());
						else expectEvent(lane.pop(), model.pop());
						expect(lane.length).toBe(model.length);
					}
				}
				for (let e = model.shift(); e !== undefined; e = model.shift())
					expectEvent(lane.shift(), e);
				expect(lane.shift()).toBeUndefined();
			}),
			{ numRuns: 40 },
		);
	});

	it('holds a 100k-event burst and gives it back in order, with offer times', () => {
		const lane = new EventColumns(0);
		const topic = INTEGRATIONS_TOPIC_LIST[2] as string;
		const before = performance.now();
		for (let i = 0; i < 100_000; i++) lane.push(topic, 2, i, false, undefined, 7);
		expect(lane.length).toBe(100_000);
		const after = performance.now();
		let wrong = 0;
		for (let i = 0; i < 100_000; i++) {
			const event = lane.shift() as PendingEvent;
			const at = event.offeredAt;
			if (event.input !== i || event.epoch !== 7 || at < before || at > after) wrong++;
		}
		expect(wrong).toBe(0);
		expect(lane.length).toBe(0);
	});

	it('keeps the topic of an unknown topic as given', () => {
		const lane = new EventColumns(2);
		lane.push('made.up', UNKNOWN_TOPIC_INDEX, {}, true, undefined, 0);
		expect(lane.shift()).toMatchObject({ topic: 'made.up', topicIndex: UNKNOWN_TOPIC_INDEX });
	});
});

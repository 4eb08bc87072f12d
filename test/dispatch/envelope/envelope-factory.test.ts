import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnvelopeFactory } from '../../../src/dispatch/envelope/envelope-factory.js';
import { createPendingEvent } from '../../../src/dispatch/pending-event.js';
import { dataSchemaUrl } from '../../../src/index.js';
import { dataSyncedEvent } from '../../support/event-payloads.js';

const TOPIC = 'integrations.data.synced';

afterEach(() => {
	vi.useRealTimers();
});

describe('createEnvelopeFactory', () => {
	it('buildNow stamps Date.now() and builds what build builds for the same event and time', () => {
		vi.useFakeTimers({ toFake: ['Date', 'performance'], now: Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
		const factory = createEnvelopeFactory('urn:test');
		const data = dataSyncedEvent(1);
		const event = createPendingEvent(TOPIC, 1, 1, data, false, undefined, 0);
		const now = factory.buildNow(event, data);
		const built = factory.build(event, data, Date.now() - event.offeredAt);
		expect(now.time).toBe('2026-01-02T03:04:05.678Z');
		expect({ ...now, id: undefined }).toEqual({ ...built, id: undefined });
		expect(now).toMatchObject({
			type: TOPIC,
			source: 'urn:test',
			dataschema: dataSchemaUrl(TOPIC),
		});
		expect(now.id).not.toBe(built.id);
	});

	it('gives each envelope its own headers, and the time of the millisecond it was built in', () => {
		vi.useFakeTimers({ toFake: ['Date'], now: 1_000 });
		const factory = createEnvelopeFactory('urn:test');
		const event = createPendingEvent(TOPIC, 1, 1, {}, false, undefined, 0);
		const [a, b] = [factory.buildNow(event, {}), factory.buildNow(event, {})];
		vi.advanceTimersByTime(1);
		const c = factory.buildNow(event, {});
		expect(a.headers).not.toBe(b.headers);
		expect([a.time, b.time, c.time]).toEqual([
			'1970-01-01T00:00:01.000Z',
			'1970-01-01T00:00:01.000Z',
			'1970-01-01T00:00:01.001Z',
		]);
	});
});

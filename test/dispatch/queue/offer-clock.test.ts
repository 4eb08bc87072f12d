import { afterEach, describe, expect, it, vi } from 'vitest';
import { offerTime } from '../../../src/dispatch/queue/offer-clock.js';

afterEach(() => {
	vi.useRealTimers();
});

describe('offerTime', () => {
	it('shares a reading within one synchronous stretch, for at most 64 events', async () => {
		vi.useFakeTimers();
		await Promise.resolve();
		const first = offerTime();
		vi.advanceTimersByTime(5);
		const readings = Array.from({ length: 63 }, offerTime);
		expect(new Set(readings)).toEqual(new Set([first]));
		expect(offerTime()).toBe(first + 5);
	});

	it('never carries a reading over to a later task', async () => {
		vi.useFakeTimers();
		const first = offerTime();
		vi.advanceTimersByTime(7);
		await Promise.resolve();
		expect(offerTime()).toBe(first + 7);
	});
});

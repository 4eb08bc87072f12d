import { describe, expect, it } from 'vitest';
import { backoffDelayMillis } from '../../src/common/backoff.js';

describe('backoffDelayMillis', () => {
	const bounds = { initialDelayMillis: 100, maxDelayMillis: 1_000 };

	it('doubles from the initial delay, with equal jitter between half and all of it', () => {
		expect(backoffDelayMillis(1, bounds, () => 0)).toBe(50);
		expect(backoffDelayMillis(1, bounds, () => 0.999999)).toBeCloseTo(100);
		expect(backoffDelayMillis(3, bounds, () => 0)).toBe(200);
		expect(backoffDelayMillis(3, bounds, () => 1)).toBe(400);
	});

	it('caps the delay at maxDelayMillis before the jitter', () => {
		expect(backoffDelayMillis(10, bounds, () => 0.5)).toBe(750);
		expect(backoffDelayMillis(20, bounds, () => 1)).toBe(1_000);
	});

	it('keeps fractions (the HTTP executor rounds to whole milliseconds itself)', () => {
		expect(backoffDelayMillis(1, { initialDelayMillis: 3, maxDelayMillis: 10 }, () => 0)).toBe(1.5);
	});
});

import { describe, expect, it } from 'vitest';
import { nextEventId } from '../../../src/dispatch/envelope/event-ids.js';

describe('nextEventId', () => {
	it('returns distinct version 4 UUIDs across pool refills', () => {
		const ids = Array.from({ length: 10_000 }, nextEventId);
		for (const id of ids) {
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		}
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('draws every hex digit at each of the 30 random positions (no stuck or misplaced digit)', () => {
		const ids = Array.from({ length: 10_000 }, nextEventId);
		const fixed = new Set([8, 13, 14, 18, 19, 23]);
		for (let at = 0; at < 36; at++) {
			if (fixed.has(at)) continue;
			const digits = new Set(ids.map((id) => id[at]));
			expect(digits.size, `position ${at}`).toBe(16);
		}
		expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
	});
});

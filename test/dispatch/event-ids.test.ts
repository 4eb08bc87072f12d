import { describe, expect, it } from 'vitest';
import { nextEventId } from '../../src/dispatch/event-ids.js';

describe('nextEventId', () => {
	it('returns distinct version 4 UUIDs across pool refills', () => {
		const ids = Array.from({ length: 10_000 }, nextEventId);
		for (const id of ids) {
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		}
		expect(new Set(ids).size).toBe(ids.length);
	});
});

import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/http/token-bucket.js';

describe('TokenBucket', () => {
	it('serves a burst at once, then spaces reservations by the refill rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 3, () => now);
		expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
		expect(bucket.reserve()).toBe(100);
		expect(bucket.reserve()).toBe(200);
		now = 500;
		expect(bucket.peekWaitMillis()).toBe(0);
	});

	it('gives a refunded reservation to the next caller', () => {
		const bucket = new TokenBucket(1, 1, () => 0);
		expect(bucket.reserve()).toBe(0);
		expect(bucket.reserve()).toBe(1000);
		bucket.refund();
		expect(bucket.reserve()).toBe(1000);
	});

	it('never accumulates more than the burst while idle', () => {
		let now = 0;
		const bucket = new TokenBucket(100, 2, () => now);
		now = 60_000;
		expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
		expect(bucket.reserve()).toBe(10);
	});
});

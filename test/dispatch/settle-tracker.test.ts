import { describe, expect, it } from 'vitest';
import { SettleTracker } from '../../src/dispatch/settle-tracker.js';

const isSettled = async (promise: Promise<void>) => {
	let settled = false;
	void promise.then(() => {
		settled = true;
	});
	await Promise.resolve();
	await Promise.resolve();
	return settled;
};

describe('SettleTracker', () => {
	it('resolves a barrier at once when nothing is pending', async () => {
		expect(await isSettled(new SettleTracker().barrier())).toBe(true);
	});

	it('waits for events offered before the barrier, not for later ones', async () => {
		const tracker = new SettleTracker();
		const first = tracker.offer();
		const barrier = tracker.barrier();
		const later = tracker.offer();
		expect(await isSettled(barrier)).toBe(false);
		tracker.settle(later);
		expect(await isSettled(barrier)).toBe(false);
		tracker.settle(first);
		expect(await isSettled(barrier)).toBe(true);
	});

	it('resolves successive barriers in order as their epochs settle out of order', async () => {
		const tracker = new SettleTracker();
		const a = tracker.offer();
		const first = tracker.barrier();
		const b = tracker.offer();
		const second = tracker.barrier();
		tracker.settle(b);
		expect(await isSettled(second)).toBe(false);
		tracker.settle(a);
		expect(await isSettled(first)).toBe(true);
		expect(await isSettled(second)).toBe(true);
	});
});

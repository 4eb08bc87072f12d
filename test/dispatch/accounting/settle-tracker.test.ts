import { describe, expect, it } from 'vitest';
import { KeepAlive } from '../../../src/dispatch/accounting/keep-alive.js';
import { SettleTracker } from '../../../src/dispatch/accounting/settle-tracker.js';

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

	it('holds its keep-alive once while any event is unsettled, across epochs, and releases it at zero', () => {
		const keepAlive = new KeepAlive();
		const tracker = new SettleTracker(keepAlive);
		expect(keepAlive.holds).toBe(0);
		const a = tracker.offer();
		const b = tracker.offer();
		void tracker.barrier();
		const c = tracker.offer();
		expect(keepAlive.holds).toBe(1);
		tracker.settle(c);
		tracker.settle(a);
		expect(keepAlive.holds).toBe(1);
		tracker.settle(b);
		expect(keepAlive.holds).toBe(0);
		tracker.settle(tracker.offer());
		expect(keepAlive.holds).toBe(0);
	});
});

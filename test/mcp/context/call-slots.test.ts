import { describe, expect, it } from 'vitest';
import { CallSlots, type ReleaseSlot } from '../../../src/mcp/context/call-slots.js';

const limits = (overrides: Partial<ConstructorParameters<typeof CallSlots>[0]> = {}) => ({
	maxConcurrency: 2,
	maxConcurrencyPerTenant: 1,
	maxPendingCalls: 10,
	maxPendingCallsPerTenant: 10,
	...overrides,
});

const signal = () => new AbortController().signal;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Acquires and records the order in which calls are granted. */
function recorder(slots: CallSlots) {
	const granted: string[] = [];
	const releases = new Map<string, ReleaseSlot>();
	const acquire = (tenant: string, label: string, abort = signal()) =>
		slots.acquire(tenant, abort).then((release) => {
			granted.push(label);
			releases.set(label, release);
		});
	return { granted, acquire, release: (label: string) => releases.get(label)?.() };
}

describe('CallSlots', () => {
	it('starts a call at once while the runtime and the tenant are under their bounds', async () => {
		const slots = new CallSlots(limits());
		const { granted, acquire } = recorder(slots);
		await Promise.all([acquire('a', 'a1'), acquire('b', 'b1')]);
		expect(granted).toEqual(['a1', 'b1']);
	});

	it('never runs more calls of one tenant than maxConcurrencyPerTenant, even with free slots', async () => {
		const slots = new CallSlots(limits({ maxConcurrency: 4, maxConcurrencyPerTenant: 2 }));
		const { granted, acquire, release } = recorder(slots);
		for (const label of ['a1', 'a2', 'a3', 'a4']) void acquire('a', label);
		await tick();
		expect(granted).toEqual(['a1', 'a2']);
		release('a1');
		await tick();
		expect(granted).toEqual(['a1', 'a2', 'a3']);
	});

	it('hands freed slots to waiting tenants in turn, not in arrival order', async () => {
		const slots = new CallSlots(limits({ maxConcurrency: 1, maxConcurrencyPerTenant: 1 }));
		const { granted, acquire, release } = recorder(slots);
		void acquire('a', 'a1');
		for (const label of ['a2', 'a3', 'a4']) void acquire('a', label);
		for (const label of ['b1', 'b2']) void acquire('b', label);
		await tick();
		for (const label of ['a1', 'a2', 'b1', 'a3', 'b2']) {
			release(label);
			await tick();
		}
		expect(granted).toEqual(['a1', 'a2', 'b1', 'a3', 'b2', 'a4']);
	});

	it('rejects a waiting call with its signal reason when the signal aborts, and frees its place', async () => {
		const slots = new CallSlots(limits({ maxConcurrency: 1, maxPendingCallsPerTenant: 1 }));
		const { acquire, granted, release } = recorder(slots);
		await acquire('a', 'a1');
		const controller = new AbortController();
		const waiting = acquire('a', 'a2', controller.signal);
		const reason = new Error('deadline');
		controller.abort(reason);
		await expect(waiting).rejects.toBe(reason);
		void acquire('a', 'a3');
		release('a1');
		await tick();
		expect(granted).toEqual(['a1', 'a3']);
	});

	it('fails fast with ERR_OVERLOADED when the tenant’s or the runtime’s queue is full', async () => {
		const slots = new CallSlots(
			limits({ maxConcurrency: 1, maxPendingCalls: 2, maxPendingCallsPerTenant: 1 }),
		);
		await slots.acquire('a', signal());
		void slots.acquire('a', signal());
		await expect(slots.acquire('a', signal())).rejects.toMatchObject({
			code: 'ERR_OVERLOADED',
			scope: 'tenant',
			maxPendingCalls: 1,
		});
		void slots.acquire('b', signal());
		await expect(slots.acquire('c', signal())).rejects.toMatchObject({
			code: 'ERR_OVERLOADED',
			scope: 'runtime',
			maxPendingCalls: 2,
		});
	});

	it('ignores a second release of the same slot', async () => {
		const slots = new CallSlots(limits({ maxConcurrency: 1 }));
		const { acquire, granted, release } = recorder(slots);
		await acquire('a', 'a1');
		void acquire('b', 'b1');
		void acquire('c', 'c1');
		release('a1');
		release('a1');
		await tick();
		expect(granted).toEqual(['a1', 'b1']);
	});
});

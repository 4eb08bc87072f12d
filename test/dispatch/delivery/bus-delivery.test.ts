import { describe, expect, it } from 'vitest';
import { BusDelivery } from '../../../src/dispatch/delivery/bus-delivery.js';
import type { BusAdapter, IntegrationsEnvelope } from '../../../src/index.js';

// The watchdog of BusDelivery against a stalled event loop. A stall is real time by nature (which
// callbacks run before which depends on the event loop's phases, which fake timers do not model),
// so this test blocks the thread for a few tens of milliseconds with a busy wait.

const ENVELOPE = { id: 'e' } as IntegrationsEnvelope;

/** Blocks the thread for `millis`, as a long GC or a descheduled process would. */
function stall(millis: number): void {
	const until = performance.now() + millis;
	while (performance.now() < until) {
		// busy
	}
}

/** A bus whose `n`-th call answers after `answerMillis[n]` (a timer, as a socket read would). */
function createTimedBus(answerMillis: number[]) {
	let calls = 0;
	const bus: BusAdapter = {
		publishBatch() {
			const millis = answerMillis[calls++] ?? 0;
			return new Promise((resolve) => setTimeout(resolve, millis));
		},
	};
	return { bus, calls: () => calls };
}

describe('BusDelivery', () => {
	it('settles with the bus answer, not a timeout, when the answer came in during a stall longer than the timeout', async () => {
		const timed = createTimedBus([0, 15]);
		const delivery = new BusDelivery(timed.bus, 30);
		const first = delivery.send([ENVELOPE]); // arms the watchdog: due at 30 ms
		stall(20);
		const second = delivery.send([ENVELOPE]); // answered at 35 ms, after the watchdog is due
		stall(60); // both are due when the loop runs again; the watchdog's timer comes first
		expect(await first).toBeNull();
		expect(await second).toBeNull();
		expect(timed.calls()).toBe(2);
	});

	it('settles with the bus answer when the stall happens in a timer callback that runs just before the watchdog', async () => {
		const timed = createTimedBus([0, 30]);
		const delivery = new BusDelivery(timed.bus, 60);
		const first = delivery.send([ENVELOPE]); // arms the watchdog: due at 60 ms
		setTimeout(() => stall(100), 50); // runs in the same timers pass as the watchdog, first
		stall(40);
		const second = delivery.send([ENVELOPE]); // answered at 70 ms
		// At 64 ms the stalling timer and the watchdog are due, the answer is not: it only runs in
		// the next timers pass, after the watchdog has fired.
		stall(24);
		expect(await first).toBeNull();
		expect(await second).toBeNull();
		expect(timed.calls()).toBe(2);
	});

	it('still fails a call that outlives the timeout without an answer', async () => {
		const timed = createTimedBus([1_000]);
		const delivery = new BusDelivery(timed.bus, 20);
		const outcome = await delivery.send([ENVELOPE]);
		expect(outcome?.indexes).toBeUndefined();
		expect(outcome?.error).toMatchObject({ code: 'ERR_FLUSH_TIMEOUT' });
		delivery.cancel();
	});
});

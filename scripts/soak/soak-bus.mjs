// The soak's bus: deliberately slow (each call takes 10–30 ms) and faulty, decided per call at
// seeded random: it throws, hangs past the publisher's flushTimeoutMillis (half never settle, half
// reject late, so a late answer never counts as a delivery), rejects the whole batch, or accepts
// it with some items reported failed; and for `outageMillis` of every `outageEveryMillis` it
// rejects every call (an outage longer than the retries: dead letters). It counts what it
// accepted, checks every accepted event against the traffic's own description, and remembers the
// accepted sequence numbers in a bitset.

import { describeEvent, seqOf } from './soak-traffic.mjs';

/** Fault rates per call (whole-batch faults) and per item (partial failures). */
export const BUS_FAULTS = Object.freeze({
	throwRate: 0.005,
	hangRate: 0.01,
	batchFailureRate: 0.05,
	itemFailureRate: 0.005,
	minCallMillis: 10,
	maxCallMillis: 30,
	outageEveryMillis: 45_000,
	outageMillis: 1_500,
});

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A set of sequence numbers below `size`, in a fixed bitset (off the JS heap). */
export function createSeqSet(size) {
	const bits = new Uint8Array(Math.ceil(size / 8));
	return {
		bits,
		/** Adds `seq`; false when it was already there (or out of range). */
		add(seq) {
			if (!(seq >= 0 && seq < size)) return false;
			const mask = 1 << (seq & 7);
			const had = (bits[seq >>> 3] & mask) !== 0;
			bits[seq >>> 3] |= mask;
			return !had;
		},
		has: (seq) => seq >= 0 && seq < size && (bits[seq >>> 3] & (1 << (seq & 7))) !== 0,
		/** How many sequence numbers are in the set. */
		count() {
			let total = 0;
			for (let byte of bits) {
				for (; byte !== 0; byte &= byte - 1) total++;
			}
			return total;
		},
		/** How many sequence numbers are in both sets. */
		overlap(other) {
			let total = 0;
			for (let i = 0; i < bits.length; i++) {
				for (let byte = bits[i] & other.bits[i]; byte !== 0; byte &= byte - 1) total++;
			}
			return total;
		},
	};
}

/**
 * `createSoakBus({ seed, flushTimeoutMillis, maxSeq })`: the bus plus its tallies. `accepted` counts
 * every accepted item; `violations` lists what must never happen (a duplicate, an invalid event).
 */
export function createSoakBus({ seed, flushTimeoutMillis, maxSeq }) {
	const random = seededRandom(seed);
	const delivered = createSeqSet(maxSeq);
	const tally = { calls: 0, accepted: 0, thrown: 0, hung: 0, rejected: 0, itemFailures: 0 };
	const violations = [];
	const lateMillis = 3 * flushTimeoutMillis;
	const settleCall = createSettler({ random, delivered, tally, violations });
	const bus = {
		publishBatch(envelopes) {
			tally.calls++;
			if (random() < BUS_FAULTS.throwRate) {
				tally.thrown++;
				throw new Error('soak: bus threw');
			}
			if (random() < BUS_FAULTS.hangRate) return hang(random() < 0.5, lateMillis, tally);
			const { minCallMillis, maxCallMillis } = BUS_FAULTS;
			const millis = minCallMillis + random() * (maxCallMillis - minCallMillis);
			return new Promise((resolve, reject) => {
				setTimeout(() => settleCall(envelopes, resolve, reject), millis);
			});
		},
	};
	return { bus, tally, delivered, violations };
}

/** Ends a call that did not hang: rejected (at random, or in an outage) or accepted item by item. */
function createSettler({ random, delivered, tally, violations }) {
	const startedAt = performance.now();
	const { outageEveryMillis, outageMillis } = BUS_FAULTS;
	const inOutage = () =>
		(performance.now() - startedAt) % outageEveryMillis > outageEveryMillis - outageMillis;
	const accept = (envelope) => {
		const seq = seqOf(envelope.data);
		if (!delivered.add(seq)) violations.push(`bus: event ${seq} accepted twice`);
		else if (!describeEvent(seq).kind.valid) violations.push(`bus: invalid event ${seq} delivered`);
		tally.accepted++;
	};
	return (envelopes, resolve, reject) => {
		if (random() < BUS_FAULTS.batchFailureRate || inOutage()) {
			tally.rejected++;
			return reject(new Error('soak: batch rejected'));
		}
		const failed = [];
		envelopes.forEach((envelope, index) => {
			if (random() < BUS_FAULTS.itemFailureRate)
				failed.push({ index, error: new Error('soak: item') });
			else accept(envelope);
		});
		tally.itemFailures += failed.length;
		resolve(failed.length > 0 ? { failed } : undefined);
	};
}

/** A call that outlives the flush timeout: it never settles, or rejects long after. */
function hang(forever, lateMillis, tally) {
	tally.hung++;
	if (forever) return new Promise(() => {});
	return new Promise((_resolve, reject) => {
		setTimeout(() => reject(new Error('soak: late rejection')), lateMillis);
	});
}

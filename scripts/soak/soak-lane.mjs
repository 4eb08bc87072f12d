// One lane of the soak: a batching publisher with one overflow policy, its own faulty bus, and a
// producer offering events at a fixed rate (about 10× what the bus takes). The lane counts what it
// offered and what every hook saw, by validity, so that `check()` can hold the publisher's counters
// to the event: nothing lost, nothing counted twice, nothing invalid delivered.

import { createSeqSet, createSoakBus } from './soak-bus.mjs';
import { describeEvent, makeEvent, seqOf } from './soak-traffic.mjs';

/** The publisher options of every lane (the policy is the lane's own). */
export function laneBatching(policy) {
	return {
		enabled: true,
		overflow: policy,
		maxBatchSize: 50,
		maxQueueSize: 5_000,
		maxConcurrentFlushes: 1,
		flushTimeoutMillis: 250,
		retry: { maxRetries: 2, initialDelayMillis: 20, maxDelayMillis: 200 },
		validation: 'auto',
		workers: { minRawBodyBytes: 256, maxThreads: 1 },
	};
}

const TICK_MILLIS = 10;

function createTally() {
	return {
		offered: 0,
		offeredValid: 0,
		rejectedThrows: 0,
		rejectedValid: 0,
		statuses: { accepted: 0, backpressure: 0, dropped: 0 },
		onInvalid: 0,
		onDrop: 0,
		dropReasons: { queue_full: 0, displaced: 0, rejected: 0 },
		droppedValid: 0,
		onDeadLetter: 0,
		flushes: { called: 0, resolved: 0, maxMillis: 0 },
	};
}

/** The hooks of a lane's publisher: they count, and note what must never happen. */
function createHooks(tally, dead, violations) {
	return {
		onInvalid(report) {
			tally.onInvalid++;
			const seq = seqOf(report.input);
			if (describeEvent(seq).kind.valid) violations.push(`valid event ${seq} reported invalid`);
		},
		onDrop(report) {
			tally.onDrop++;
			tally.dropReasons[report.reason]++;
			if (describeEvent(seqOf(report.input)).kind.valid) tally.droppedValid++;
		},
		onDeadLetter(report) {
			tally.onDeadLetter++;
			const seq = seqOf(report.input);
			if (!describeEvent(seq).kind.valid) violations.push(`invalid event ${seq} dead-lettered`);
			if (!dead.add(seq)) violations.push(`event ${seq} dead-lettered twice`);
		},
	};
}

/**
 * `createLane({ lib, policy, seed, ratePerSecond, maxSeq })`: `start()` begins offering, `stop()`
 * ends it, `finish()` flushes, checks and closes, resolving with the lane's summary.
 */
export function createLane({ lib, policy, seed, ratePerSecond, maxSeq }) {
	const tally = createTally();
	const violations = [];
	const dead = createSeqSet(maxSeq);
	const soakBus = createSoakBus({ seed, flushTimeoutMillis: 250, maxSeq });
	const publisher = lib.createIntegrationsPublisher({
		bus: soakBus.bus,
		env: false,
		batching: laneBatching(policy),
		...createHooks(tally, dead, violations),
	});
	const emitOne = createEmitter(publisher, tally);
	let timer;
	let startedAt = 0;

	const tick = () => {
		const due = Math.floor(((performance.now() - startedAt) * ratePerSecond) / 1000);
		const limit = Math.min(due, tally.offered + ratePerSecond / 10, maxSeq);
		while (tally.offered < limit) emitOne(tally.offered);
	};
	return {
		policy,
		start() {
			startedAt = performance.now();
			timer = setInterval(tick, TICK_MILLIS);
		},
		stop: () => clearInterval(timer),
		flushNow: () => timedFlush(publisher, tally.flushes),
		progress: () => ({ policy, ...publisher.stats(), busCalls: soakBus.tally.calls }),
		async finish() {
			await publisher.flush();
			const stats = publisher.stats();
			await publisher.close();
			const failures = checkLane({ policy, stats, tally, soakBus, dead, violations });
			return { policy, stats, tally, bus: soakBus.tally, failures };
		},
	};
}

/** Emits event `seq` and counts the outcome (the `reject` policy throws `QueueFullError`). */
function createEmitter(publisher, tally) {
	return (seq) => {
		const event = makeEvent(seq);
		const valid = describeEvent(seq).kind.valid;
		tally.offered++;
		if (valid) tally.offeredValid++;
		const options = { priority: event.priority };
		try {
			const status = event.raw
				? publisher.emitRaw(event.topic, event.input, options)
				: publisher.emit(event.topic, event.input, options);
			tally.statuses[status]++;
		} catch (error) {
			if (error?.code !== 'ERR_QUEUE_FULL') throw error;
			tally.rejectedThrows++;
			if (valid) tally.rejectedValid++;
		}
	};
}

/** A `flush()` in the middle of the traffic: it must resolve, however long the queue. */
function timedFlush(publisher, flushes) {
	const started = performance.now();
	flushes.called++;
	return publisher.flush().then(() => {
		flushes.resolved++;
		flushes.maxMillis = Math.max(flushes.maxMillis, Math.round(performance.now() - started));
	});
}

/** Every way the lane's counts could be off, even by one event; empty when all hold. */
export function checkLane({ policy, stats, tally, soakBus, dead, violations }) {
	const failures = [...violations, ...soakBus.violations];
	const expect = (what, actual, expected) => {
		if (actual !== expected) failures.push(`${policy}: ${what}: ${actual}, expected ${expected}`);
	};
	const settled = stats.delivered + stats.invalid + stats.dropped + stats.deadLettered;
	expect('offered (publisher vs producer)', stats.offered, tally.offered);
	expect('pending after flush()', stats.pending, 0);
	expect('delivered + invalid + dropped + deadLettered', settled, stats.offered);
	expect('delivered (bus count)', soakBus.tally.accepted, stats.delivered);
	expect('delivered (distinct events on the bus)', soakBus.delivered.count(), stats.delivered);
	expect('dropped (onDrop + QueueFullError)', tally.onDrop + tally.rejectedThrows, stats.dropped);
	expect('invalid (onInvalid)', tally.onInvalid, stats.invalid);
	const invalidOffered = tally.offered - tally.offeredValid;
	const invalidDropped =
		tally.onDrop - tally.droppedValid + tally.rejectedThrows - tally.rejectedValid;
	expect(
		'invalid (offered invalid − dropped invalid)',
		stats.invalid,
		invalidOffered - invalidDropped,
	);
	expect('deadLettered (onDeadLetter)', tally.onDeadLetter, stats.deadLettered);
	const validSettled =
		stats.delivered + stats.deadLettered + tally.droppedValid + tally.rejectedValid;
	expect(
		'valid offered = delivered + dead-lettered + dropped valid',
		validSettled,
		tally.offeredValid,
	);
	expect('events both delivered and dead-lettered', soakBus.delivered.overlap(dead), 0);
	expect('mid-run flush() calls resolved', tally.flushes.resolved, tally.flushes.called);
	failures.push(...checkPolicy(policy, stats, tally));
	return failures;
}

/** What the policy itself promises, and that the lane really was overloaded and faulted. */
function checkPolicy(policy, stats, tally) {
	const failures = [];
	if (stats.dropped === 0) failures.push(`${policy}: nothing dropped: the lane was not overloaded`);
	if (stats.deadLettered === 0) failures.push(`${policy}: nothing dead-lettered: no faults bit`);
	if (policy === 'reject' && tally.dropReasons.queue_full > 0)
		failures.push('reject: a queue_full drop reached onDrop (QueueFullError expected)');
	if (policy !== 'reject' && tally.rejectedThrows > 0)
		failures.push(`${policy}: emit threw QueueFullError`);
	if (policy === 'drop-newest' && tally.dropReasons.queue_full !== tally.statuses.dropped)
		failures.push("drop-newest: queue_full drops differ from emits that returned 'dropped'");
	return failures;
}

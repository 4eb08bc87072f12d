import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import type { BusAdapter } from '../../../src/bus/bus-adapter.js';
import { decodeNatsMessage } from '../../../src/bus/nats/codec/nats-decode.js';
import type { IntegrationsEnvelope } from '../../../src/events/envelope.js';
import { inBatches } from '../fixtures/envelopes.js';

export interface DriveReport {
	/** Envelopes the bus confirmed, in the order confirmations arrived. */
	readonly confirmed: IntegrationsEnvelope[];
	/** Items reported in `failed` (each report counts once). */
	itemFailures: number;
	/** Whole batches rejected. */
	batchRejections: number;
	/** Error codes seen, with counts. */
	readonly codes: Map<string, number>;
}

function count(codes: Map<string, number>, error: unknown): void {
	const code = (error as { code?: string })?.code ?? 'unknown';
	codes.set(code, (codes.get(code) ?? 0) + 1);
}

/**
 * Publishes like the publisher does: batches of `batchSize`, at most `inFlight` at once, and the
 * failed items (or a rejected batch) retried after `retryDelayMillis` until confirmed.
 */
export async function drive(
	bus: BusAdapter,
	envelopes: readonly IntegrationsEnvelope[],
	{ batchSize = 250, inFlight = 4, retryDelayMillis = 20, onBatch = (_n: number) => {} } = {},
): Promise<DriveReport> {
	const report: DriveReport = {
		confirmed: [],
		itemFailures: 0,
		batchRejections: 0,
		codes: new Map(),
	};
	async function settle(batch: IntegrationsEnvelope[]): Promise<void> {
		let pending = batch;
		while (pending.length > 0) {
			try {
				const result = await bus.publishBatch(pending);
				const failed = new Set(result ? result.failed.map((f) => f.index) : []);
				for (const f of result ? result.failed : []) count(report.codes, f.error);
				report.itemFailures += failed.size;
				report.confirmed.push(...pending.filter((_, i) => !failed.has(i)));
				pending = pending.filter((_, i) => failed.has(i));
			} catch (error) {
				report.batchRejections++;
				count(report.codes, error);
			}
			if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMillis));
		}
	}
	const running = new Set<Promise<void>>();
	let n = 0;
	for (const batch of inBatches(envelopes, batchSize)) {
		const task = settle(batch).finally(() => running.delete(task));
		running.add(task);
		onBatch(n++);
		if (running.size >= inFlight) await Promise.race(running);
	}
	await Promise.all(running);
	return report;
}

function counter() {
	const tally = {
		ids: new Map<string, number>(),
		topics: new Map<string, number>(),
		subjects: new Set<string>(),
		invalid: 0,
		received: 0,
	};
	const onMessage = (_error: unknown, message: Msg): void => {
		tally.received++;
		tally.subjects.add(message.subject);
		const result = decodeNatsMessage(message);
		if (!result.ok) {
			tally.invalid++;
			return;
		}
		tally.ids.set(result.envelope.id, (tally.ids.get(result.envelope.id) ?? 0) + 1);
		tally.topics.set(result.envelope.type, (tally.topics.get(result.envelope.type) ?? 0) + 1);
	};
	return { tally, onMessage };
}

/** An independent subscriber on its own connection that decodes and counts what arrives. */
export async function countingSubscriber(url: string, subject = 'integrations.>') {
	const nc: NatsConnection = await connect({ servers: url });
	const { tally, onMessage } = counter();
	nc.subscribe(subject, { callback: onMessage });
	await nc.flush(); // the server knows the subscription before anything is published
	const { ids, topics, subjects } = tally;
	return {
		ids,
		topics,
		subjects,
		get received() {
			return tally.received;
		},
		get invalid() {
			return tally.invalid;
		},
		/** Waits until `expected` messages arrived, then one more round trip for any extra ones. */
		async settle(expected: number, timeoutMillis = 30_000): Promise<void> {
			const deadline = Date.now() + timeoutMillis;
			while (tally.received < expected && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			await nc.flush();
			await new Promise((resolve) => setTimeout(resolve, 100));
		},
		close: () => nc.close(),
	};
}

import type { BusAdapter, IntegrationsEnvelope } from '../../src/index.js';

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

/** Splits into batches of `size`, as the publisher flushes them. */
function inBatches<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

import {
	type BusAdapter,
	type BusItemFailure,
	createInProcessBus,
	type IntegrationsEnvelope,
	type PublishBatchResult,
} from '../../src/index.js';
import { seededRandom } from './seeded-random.js';

/** The faults a {@link createFaultBus} injects, each decided per call (or item) at seeded random. */
export interface FaultPlan {
	readonly seed: number;
	/** Probability that an item of a call is reported failed. */
	readonly itemFailureRate: number;
	/** Probability that a whole call rejects. */
	readonly batchFailureRate: number;
	/** Probability that `publishBatch` throws synchronously. */
	readonly throwRate: number;
	/** Probability that a call never settles (the publisher's flush timeout must catch it). */
	readonly hangRate: number;
	/** A call settles after 0..maxLatencyMillis (a slow bus). */
	readonly maxLatencyMillis: number;
	/** After the first failed item of a call, fail the rest too (the strict-order bus of the docs). */
	readonly failRest: boolean;
}

export const NO_FAULTS: FaultPlan = {
	seed: 1,
	itemFailureRate: 0,
	batchFailureRate: 0,
	throwRate: 0,
	hangRate: 0,
	maxLatencyMillis: 0,
	failRest: false,
};

/**
 * A faulty bus in front of a real in-process bus: the items a call accepts are forwarded to the
 * in-process bus when the call settles, where a `'*'` subscriber records what was really delivered.
 * A hung call never forwards anything. After `seal()`, late acceptances are no longer forwarded
 * (the publisher has given up on them at close timeout).
 */
export function createFaultBus(plan: FaultPlan) {
	const random = seededRandom(plan.seed);
	const inner = createInProcessBus();
	const delivered: IntegrationsEnvelope[] = [];
	const deliveries = new Map<string, number>();
	const firstSent: IntegrationsEnvelope[] = [];
	const sentIds = new Set<string>();
	const stats = { calls: 0, hung: 0, rejected: 0, thrown: 0, itemFailures: 0 };
	let sealed = false;
	inner.subscribe('*', (envelope) => {
		delivered.push(envelope);
		deliveries.set(envelope.id, (deliveries.get(envelope.id) ?? 0) + 1);
	});

	const recordSent = (envelopes: readonly IntegrationsEnvelope[]) => {
		for (const envelope of envelopes) {
			if (sentIds.has(envelope.id)) continue;
			sentIds.add(envelope.id);
			firstSent.push(envelope);
		}
	};

	const bus: BusAdapter = {
		publishBatch(envelopes): Promise<PublishBatchResult> {
			stats.calls++;
			recordSent(envelopes);
			if (random() < plan.throwRate) {
				stats.thrown++;
				throw new Error('bus threw synchronously');
			}
			const hang = random() < plan.hangRate;
			const rejectAll = random() < plan.batchFailureRate;
			const failed: BusItemFailure[] = [];
			const accepted: IntegrationsEnvelope[] = [];
			envelopes.forEach((envelope, index) => {
				const failRest = plan.failRest && failed.length > 0;
				if (failRest || random() < plan.itemFailureRate) {
					failed.push({ index, error: new Error(`bus refused item ${index}`) });
				} else accepted.push(envelope);
			});
			const latency = Math.floor(random() * (plan.maxLatencyMillis + 1));
			if (hang) {
				stats.hung++;
				return new Promise(() => {});
			}
			return new Promise((resolve, reject) => {
				setTimeout(() => {
					if (rejectAll) {
						stats.rejected++;
						reject(new Error('bus rejected the batch'));
						return;
					}
					stats.itemFailures += failed.length;
					if (!sealed) void inner.publishBatch(accepted);
					resolve(failed.length > 0 ? { failed } : undefined);
				}, latency);
			});
		},
	};
	return {
		bus,
		delivered,
		deliveries,
		firstSent,
		stats,
		seal() {
			sealed = true;
		},
	};
}

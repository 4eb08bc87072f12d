import type {
	BusAdapter,
	BusItemFailure,
	IntegrationsEnvelope,
	PublishBatchResult,
} from '../../src/index.js';

export interface FlakyBusOptions {
	/** Probability that a whole call rejects. */
	readonly batchFailureRate: number;
	/** Probability that an item of an accepted call is reported failed. */
	readonly itemFailureRate: number;
	readonly random: () => number;
	/** Probability that a call throws synchronously instead of rejecting. */
	readonly throwRate?: number;
}

/**
 * A bus that fails whole batches or single items at random and records, per envelope id, how many
 * times it was accepted (to check "delivered once").
 */
export function createFlakyBus(options: FlakyBusOptions) {
	const accepted = new Map<string, number>();
	const order: IntegrationsEnvelope[] = [];
	const bus: BusAdapter = {
		publishBatch(envelopes): Promise<PublishBatchResult> {
			if (options.random() < (options.throwRate ?? 0)) throw new Error('sync throw');
			if (options.random() < options.batchFailureRate) {
				return Promise.reject(new Error('batch rejected'));
			}
			const failed: BusItemFailure[] = [];
			envelopes.forEach((envelope, index) => {
				if (options.random() < options.itemFailureRate) {
					failed.push({ index, error: new Error(`item ${index} failed`) });
					return;
				}
				accepted.set(envelope.id, (accepted.get(envelope.id) ?? 0) + 1);
				order.push(envelope);
			});
			return Promise.resolve(failed.length > 0 ? { failed } : undefined);
		},
	};
	return { bus, accepted, order };
}

import type { IntegrationsEnvelope } from '../events/envelope.js';

/** One item of a batch that the bus could not accept. `index` is its position in the batch. */
export interface BusItemFailure {
	readonly index: number;
	readonly error: unknown;
}

/** What `publishBatch` resolves with: nothing (all accepted) or the items that failed. */
export type PublishBatchResult = void | { readonly failed: ReadonlyArray<BusItemFailure> };

/**
 * The contract between the publisher and a bus. `publishBatch` resolves with the indexes that failed
 * (those are retried), or rejects when the whole batch failed (all are retried).
 */
export interface BusAdapter {
	publishBatch(envelopes: readonly IntegrationsEnvelope[]): Promise<PublishBatchResult>;
	/** Releases the bus's resources; called by the publisher's `close()` only for a bus it created. */
	close?(): Promise<void>;
}

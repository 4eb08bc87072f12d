import type { IntegrationsEnvelope } from '../events/index.js';

/** One item of a batch that the bus could not accept. `index` is its position in the batch. */
export interface BusItemFailure {
	readonly index: number;
	readonly error: unknown;
}

/** What `publishBatch` resolves with: nothing (all accepted) or the items that failed. */
export type PublishBatchResult = void | { readonly failed: ReadonlyArray<BusItemFailure> };

/**
 * Batching settings a bus works best with: a network bus wants larger batches and several in flight
 * to hide its round trips, where the in-process bus is best served by the publisher's defaults.
 */
export interface BusBatchingDefaults {
	/** Events per batch (capped at the publisher's `maxQueueSize`). */
	readonly maxBatchSize?: number;
	/** Batches published at once. */
	readonly maxConcurrentFlushes?: number;
}

/**
 * The contract between the publisher and a bus. `publishBatch` resolves with the indexes that failed
 * (those are retried), or rejects when the whole batch failed (all are retried).
 */
export interface BusAdapter {
	publishBatch(envelopes: readonly IntegrationsEnvelope[]): Promise<PublishBatchResult>;
	/**
	 * Optional: the same call, completed before it returns, for a bus that never waits (the
	 * in-process bus). It returns what `publishBatch` would resolve with and throws what it would
	 * reject with. Sync mode calls it instead of `publishBatch` and settles each event during its
	 * `emit` call: no promise, no timeout watchdog. A bus that may wait (network, backpressure)
	 * must not have it.
	 */
	publishBatchSync?(envelopes: readonly IntegrationsEnvelope[]): PublishBatchResult;
	/**
	 * The publisher uses these for the batching options its caller left unset: an option given
	 * explicitly (or through `loadPublisherConfig`) always wins, the publisher's own defaults apply
	 * where neither says anything.
	 */
	readonly batchingDefaults?: BusBatchingDefaults;
	/** Releases the bus's resources; called by the publisher's `close()` only for a bus it created. */
	close?(): Promise<void>;
}

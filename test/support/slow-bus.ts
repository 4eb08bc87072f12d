import type { BusAdapter, IntegrationsEnvelope, PublishBatchResult } from '../../src/index.js';

/** A bus whose calls stay pending until `release()` (or `fail()`) is called. */
export function createSlowBus() {
	const pending: {
		envelopes: readonly IntegrationsEnvelope[];
		resolve: (result?: PublishBatchResult) => void;
		reject: (error: unknown) => void;
	}[] = [];
	const bus: BusAdapter = {
		publishBatch(envelopes) {
			return new Promise((resolve, reject) => pending.push({ envelopes, resolve, reject }));
		},
	};
	return {
		bus,
		pending,
		/** Accepts the oldest pending call. */
		release(result?: PublishBatchResult): readonly IntegrationsEnvelope[] {
			const call = pending.shift();
			if (!call) throw new Error('no pending call');
			call.resolve(result);
			return call.envelopes;
		},
		/** Rejects the oldest pending call. */
		fail(error: unknown = new Error('slow bus failed')): readonly IntegrationsEnvelope[] {
			const call = pending.shift();
			if (!call) throw new Error('no pending call');
			call.reject(error);
			return call.envelopes;
		},
	};
}

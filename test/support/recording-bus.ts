import type { BusAdapter, IntegrationsEnvelope } from '../../src/index.js';

/** A bus that records every call and accepts everything. */
export function createRecordingBus() {
	const calls: IntegrationsEnvelope[][] = [];
	const bus: BusAdapter = {
		async publishBatch(envelopes) {
			calls.push([...envelopes]);
		},
	};
	return {
		bus,
		calls,
		get envelopes(): IntegrationsEnvelope[] {
			return calls.flat();
		},
	};
}

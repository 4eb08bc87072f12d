import type { IntegrationsEnvelope } from '../../../events/index.js';
import type { PublishBatchResult } from '../../bus-adapter.js';
import { BusClosedError } from '../../bus-errors.js';
import type { ResolvedJetStream } from '../nats-bus-options.js';
import type { LinkState } from '../nats-link.js';
import { AckPipeline } from './ack-pipeline.js';
import { assertOpen, type EncodeFn, type PublishMode } from './core-publish.js';

/**
 * JetStream: every message is published with a reply subject of the adapter's ack inbox and the
 * event id as `Nats-Msg-Id`, so a retry of an item whose ack was lost is dropped by the server as a
 * duplicate. Publishes are pipelined (no request, promise or timer per message); at most
 * `maxAcksInFlight` acks are awaited at once across batches. Items without a positive ack
 * (refused, timed out, connection lost) are reported failed by index.
 */
export function createJetStreamPublish(encode: EncodeFn, options: ResolvedJetStream): PublishMode {
	return new JetStreamPublish(encode, options);
}

/** The {@link PublishMode} of {@link createJetStreamPublish}: one {@link AckPipeline} per connection. */
class JetStreamPublish implements PublishMode {
	readonly #encode: EncodeFn;
	readonly #options: ResolvedJetStream;
	readonly #pipelines = new Map<LinkState, AckPipeline>();

	constructor(encode: EncodeFn, options: ResolvedJetStream) {
		this.#encode = encode;
		this.#options = options;
	}

	publish(
		state: LinkState,
		envelopes: readonly IntegrationsEnvelope[],
	): Promise<PublishBatchResult> {
		assertOpen(state);
		if (envelopes.length === 0) return Promise.resolve(undefined);
		let pipeline = this.#pipelines.get(state);
		if (pipeline === undefined) {
			pipeline = new AckPipeline(state, this.#encode, this.#options);
			this.#pipelines.set(state, pipeline);
		}
		return pipeline.publish(envelopes);
	}

	/** Unsubscribes the ack inboxes; acks still awaited fail with `ERR_BUS_CLOSED`. */
	close(): void {
		for (const pipeline of this.#pipelines.values()) {
			pipeline.close(new BusClosedError('the NATS bus adapter'));
		}
		this.#pipelines.clear();
	}
}

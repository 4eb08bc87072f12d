import type { IntegrationsEnvelope } from '../../../events/index.js';
import type { BusItemFailure, PublishBatchResult } from '../../bus-adapter.js';
import { BusClosedError, BusDisconnectedError, BusTimeoutError } from '../../bus-errors.js';
import { within } from '../../within.js';
import type { NatsOutgoingMessage } from '../codec/index.js';
import type { LinkState } from '../nats-link.js';
import { toBusError } from './nats-publish-error.js';

/** Turns an envelope into its message; throws `ERR_INVALID_ENVELOPE` when it cannot. */
export type EncodeFn = (envelope: IntegrationsEnvelope) => NatsOutgoingMessage;

/** How one mode (core, JetStream) publishes a batch over the link; `close()` releases its parts. */
export interface PublishMode {
	publish(
		state: LinkState,
		envelopes: readonly IntegrationsEnvelope[],
	): Promise<PublishBatchResult>;
	close(): void;
}

/** Rejects the whole batch up front when nothing could be sent. */
export function assertOpen({ nc, watch }: LinkState): void {
	if (nc.isClosed() || nc.isDraining()) throw new BusClosedError('the NATS connection');
	if (!watch.connected) {
		throw new BusDisconnectedError('NATS connection is down (reconnecting); batch not sent');
	}
}

function flushWithin({ nc, watch }: LinkState, timeoutMillis: number): Promise<void> {
	const onTimeout = () => new BusTimeoutError('NATS flush', timeoutMillis);
	return within(watch.guard(nc.flush()), timeoutMillis, onTimeout).catch((error: unknown) => {
		throw toBusError(error, 'NATS flush', timeoutMillis);
	});
}

/**
 * Core NATS: writes every message of the batch without waiting (one pipelined burst), then one
 * `flush()` round trip confirms that the server has received them all. Items that cannot be encoded
 * are reported failed; a failed or timed-out flush rejects the batch (the publisher retries it all).
 */
export function createCorePublish(encode: EncodeFn, flushTimeoutMillis: number): PublishMode {
	return { publish, close() {} };

	async function publish(
		state: LinkState,
		envelopes: readonly IntegrationsEnvelope[],
	): Promise<PublishBatchResult> {
		assertOpen(state);
		let failed: BusItemFailure[] | undefined;
		for (let index = 0; index < envelopes.length; index++) {
			try {
				const message = encode(envelopes[index]!);
				state.nc.publish(message.subject, message.payload, { headers: message.headers });
			} catch (error) {
				failed ??= [];
				failed.push({ index, error: toBusError(error, 'NATS publish', 0) });
			}
		}
		if ((failed?.length ?? 0) < envelopes.length) await flushWithin(state, flushTimeoutMillis);
		return failed ? { failed } : undefined;
	}
}

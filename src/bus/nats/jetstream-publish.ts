import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pLimit from 'p-limit';
import type { IntegrationsEnvelope } from '../../events/envelope.js';
import type { PublishBatchResult } from '../bus-adapter.js';
import { BusDisconnectedError } from '../bus-errors.js';
import { settleEach } from '../settle-each.js';
import { assertOpen, type EncodeFn } from './core-publish.js';
import type { ResolvedJetStream } from './nats-bus-options.js';
import type { LinkState } from './nats-link.js';
import { toBusError } from './nats-publish-error.js';

/** `@nats-io/jetstream` is an optional peer: loaded on the first JetStream batch only. */
async function openJetStream(
	nc: NatsConnection,
	options: ResolvedJetStream,
): Promise<JetStreamClient> {
	const { jetstream } = await import('@nats-io/jetstream');
	return jetstream(nc, { timeout: options.ackTimeoutMillis, domain: options.domain });
}

/**
 * JetStream: every message is a request answered by an ack once the stream has stored it. The
 * message id is the envelope id (`Nats-Msg-Id`), so a retry of an item whose ack was lost is
 * dropped by the server as a duplicate. At most `maxAcksInFlight` acks are awaited at once; items
 * without an ack (refused, timed out, connection lost) are reported failed by index.
 */
export function createJetStreamPublish(encode: EncodeFn, options: ResolvedJetStream) {
	const limit = pLimit(options.maxAcksInFlight);
	const expect = options.stream ? { streamName: options.stream } : undefined;
	let client: Promise<JetStreamClient> | undefined;

	async function publishOne(state: LinkState, js: JetStreamClient, envelope: IntegrationsEnvelope) {
		if (!state.watch.connected) throw new BusDisconnectedError('NATS connection is down; not sent');
		const message = encode(envelope);
		const ack = js.publish(message.subject, message.payload, {
			msgID: envelope.id,
			headers: message.headers,
			timeout: options.ackTimeoutMillis,
			...(expect && { expect }),
		});
		try {
			await state.watch.guard(ack);
		} catch (error) {
			throw toBusError(error, 'JetStream ack', options.ackTimeoutMillis);
		}
	}

	return async (
		state: LinkState,
		envelopes: readonly IntegrationsEnvelope[],
	): Promise<PublishBatchResult> => {
		assertOpen(state);
		client ??= openJetStream(state.nc, options);
		const js = await client;
		return settleEach(envelopes, (envelope) => limit(publishOne, state, js, envelope));
	};
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeNatsMessage } from '../../src/bus/nats/index.js';

/** The ids of every message stored in `stream`, in stream order, decoded and validated. */
export async function storedIds(nc: NatsConnection, stream: string): Promise<string[]> {
	const jsm = await jetstreamManager(nc);
	const total = (await jsm.streams.info(stream)).state.messages;
	const ids: string[] = [];
	if (total === 0) return ids;
	const consumer = await jetstream(nc).consumers.get(stream);
	const messages = await consumer.consume({ max_messages: 1_000 });
	for await (const message of messages) {
		const result = decodeNatsMessage(message);
		if (!result.ok) throw result.error;
		ids.push(result.envelope.id);
		if (ids.length === total) break;
	}
	await messages.close();
	return ids;
}

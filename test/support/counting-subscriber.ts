import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { decodeNatsMessage } from '../../src/bus/nats/index.js';

function counter() {
	const tally = {
		ids: new Map<string, number>(),
		topics: new Map<string, number>(),
		subjects: new Set<string>(),
		invalid: 0,
		received: 0,
	};
	const onMessage = (_error: unknown, message: Msg): void => {
		tally.received++;
		tally.subjects.add(message.subject);
		const result = decodeNatsMessage(message);
		if (!result.ok) {
			tally.invalid++;
			return;
		}
		tally.ids.set(result.envelope.id, (tally.ids.get(result.envelope.id) ?? 0) + 1);
		tally.topics.set(result.envelope.type, (tally.topics.get(result.envelope.type) ?? 0) + 1);
	};
	return { tally, onMessage };
}

/** An independent subscriber on its own connection that decodes and counts what arrives. */
export async function countingSubscriber(url: string, subject = 'integrations.>') {
	const nc: NatsConnection = await connect({ servers: url });
	const { tally, onMessage } = counter();
	nc.subscribe(subject, { callback: onMessage });
	await nc.flush(); // the server knows the subscription before anything is published
	const { ids, topics, subjects } = tally;
	return {
		ids,
		topics,
		subjects,
		get received() {
			return tally.received;
		},
		get invalid() {
			return tally.invalid;
		},
		/** Waits until `expected` messages arrived, then one more round trip for any extra ones. */
		async settle(expected: number, timeoutMillis = 30_000): Promise<void> {
			const deadline = Date.now() + timeoutMillis;
			while (tally.received < expected && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			await nc.flush();
			await new Promise((resolve) => setTimeout(resolve, 100));
		},
		close: () => nc.close(),
	};
}

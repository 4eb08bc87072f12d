import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { createNatsBusAdapter, JetStreamRefusal } from '../../../../src/bus/nats/index.js';
import { makeEnvelopes } from '../../../support/make-envelope.js';
import { useNatsServer } from '../../../support/nats-server.js';

// The JetStream publish path talks the JetStream publish protocol: a message with a reply subject,
// answered by a PubAck on that subject. Here a plain NATS subscriber stands in for the stream, so
// each test decides what the "server" answers (or that it never answers).

const nats = useNatsServer();

type Answer = (msg: Msg, seq: number) => string | undefined;

/** Subscribes `<prefix>.>` and answers each message's reply subject with `answer(msg)`. */
function fakeStream(nc: NatsConnection, prefix: string, answer: Answer) {
	let seq = 0;
	const received: Msg[] = [];
	const sub = nc.subscribe(`${prefix}.>`, {
		callback: (_error, msg) => {
			received.push(msg);
			const reply = answer(msg, ++seq);
			if (reply !== undefined && msg.reply) nc.publish(msg.reply, reply);
		},
	});
	return { received, stop: () => sub.unsubscribe() };
}

const ack = (_msg: Msg, seq: number) => JSON.stringify({ stream: 'FAKE', seq });

describe('createNatsBusAdapter (JetStream ack pipeline)', () => {
	it('sends each message with its own reply subject, Nats-Msg-Id = event id and the expected stream', async () => {
		const fake = fakeStream(nats.nc, 'hdr', ack);
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'hdr',
			jetstream: { stream: 'FAKE' },
		});
		const envelopes = makeEnvelopes(20);

		expect(await bus.publishBatch(envelopes)).toBeUndefined();

		expect(fake.received.map((m) => m.headers?.get('Nats-Msg-Id'))).toEqual(
			envelopes.map((e) => e.id),
		);
		expect(fake.received.every((m) => m.headers?.get('Nats-Expected-Stream') === 'FAKE')).toBe(
			true,
		);
		expect(new Set(fake.received.map((m) => m.reply)).size).toBe(20);
		fake.stop();
		await bus.close();
	});

	it('never has more than maxAcksInFlight acks outstanding, across concurrent batches', async () => {
		let outstanding = 0;
		let highest = 0;
		const fake = fakeStream(nats.nc, 'window', (msg, seq) => {
			outstanding++;
			highest = Math.max(highest, outstanding);
			// answer later, so that the window fills up
			setTimeout(() => {
				outstanding--;
				if (msg.reply) nats.nc.publish(msg.reply, ack(msg, seq));
			}, 1);
			return undefined;
		});
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'window',
			jetstream: { maxAcksInFlight: 7 },
		});

		const results = await Promise.all([0, 1, 2].map((i) => bus.publishBatch(makeEnvelopes(40, i))));

		expect(results).toEqual([undefined, undefined, undefined]);
		expect(fake.received).toHaveLength(120);
		expect(highest).toBe(7);
		fake.stop();
		await bus.close();
	});

	it('fails only the items whose ack never comes, with ERR_BUS_TIMEOUT after ackTimeoutMillis', async () => {
		const fake = fakeStream(nats.nc, 'silent', (msg, seq) =>
			seq % 3 === 0 ? undefined : ack(msg, seq),
		);
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'silent',
			jetstream: { ackTimeoutMillis: 150 },
		});
		const started = performance.now();

		const result = await bus.publishBatch(makeEnvelopes(9));

		expect(performance.now() - started).toBeGreaterThanOrEqual(145);
		expect(result?.failed.map((f) => f.index)).toEqual([2, 5, 8]);
		expect(result?.failed.map((f) => (f.error as { code: string }).code)).toEqual([
			'ERR_BUS_TIMEOUT',
			'ERR_BUS_TIMEOUT',
			'ERR_BUS_TIMEOUT',
		]);
		fake.stop();
		await bus.close();
	});

	it('reports a JetStream error reply, a malformed ack and an ack without a stream as ERR_BUS_PUBLISH', async () => {
		const replies = [
			JSON.stringify({
				error: { code: 503, err_code: 10077, description: 'maximum messages exceeded' },
			}),
			'not json',
			JSON.stringify({ stream: '', seq: 1 }),
			JSON.stringify({ stream: 'FAKE', seq: 4, duplicate: true }),
		];
		const fake = fakeStream(nats.nc, 'odd', (_msg, seq) => replies[seq - 1]);
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'odd',
			jetstream: true,
		});

		const result = await bus.publishBatch(makeEnvelopes(4));

		expect(result?.failed.map((f) => f.index)).toEqual([0, 1, 2]);
		const [refused, malformed, noStream] = (result?.failed ?? []).map((f) => f.error as Error);
		expect(refused).toMatchObject({
			code: 'ERR_BUS_PUBLISH',
			message: expect.stringContaining('maximum messages exceeded'),
		});
		expect(refused?.cause).toBeInstanceOf(JetStreamRefusal);
		expect(refused?.cause).toMatchObject({ errCode: 10077, status: 503 });
		expect(malformed?.message).toMatch(/not JSON/);
		expect(noStream?.message).toMatch(/no stream/);
		fake.stop();
		await bus.close();
	});

	it('close() waits for the batches in flight (unanswered acks time out), then refuses new batches', async () => {
		const fake = fakeStream(nats.nc, 'closing', () => undefined);
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'closing',
			jetstream: { ackTimeoutMillis: 100 },
		});

		const pending = bus.publishBatch(makeEnvelopes(3));
		await bus.close();
		const result = await pending;

		expect(result?.failed.map((f) => (f.error as { code: string }).code)).toEqual([
			'ERR_BUS_TIMEOUT',
			'ERR_BUS_TIMEOUT',
			'ERR_BUS_TIMEOUT',
		]);
		await expect(bus.publishBatch(makeEnvelopes(1))).rejects.toMatchObject({
			code: 'ERR_BUS_CLOSED',
		});
		fake.stop();
	});
});

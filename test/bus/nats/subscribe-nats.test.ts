import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createNatsBusAdapter,
	encodeBinary,
	type InvalidMessageError,
	subscribeNats,
} from '../../../src/bus/nats/index.js';
import type { IntegrationsEnvelope } from '../../../src/index.js';
import { deferred } from '../../support/deferred.js';
import { drive } from '../../support/drive.js';
import { makeEnvelope, makeEnvelopes } from '../../support/make-envelope.js';
import { type NatsServer, startNatsServer } from '../../support/nats-server.js';

let server: NatsServer;
let nc: NatsConnection;
let consumer: NatsConnection;

beforeAll(async () => {
	server = await startNatsServer();
	nc = await connect({ servers: server.url });
	consumer = await connect({ servers: server.url });
});

afterAll(async () => {
	await nc?.close();
	await consumer?.close();
	await server?.dispose();
});

async function take(iterable: AsyncIterable<IntegrationsEnvelope>, count: number) {
	const out: IntegrationsEnvelope[] = [];
	if (count === 0) return out;
	for await (const envelope of iterable) {
		out.push(envelope);
		if (out.length === count) break;
	}
	return out;
}

describe('subscribeNats', () => {
	it('yields the envelopes a second process publishes, in order, validated, from either encoding', async () => {
		const subscription = subscribeNats(consumer, { subjectPrefix: 'order' });
		await consumer.flush();
		const structured = createNatsBusAdapter({ connection: nc, subjectPrefix: 'order' });
		const binary = createNatsBusAdapter({
			connection: nc,
			subjectPrefix: 'order',
			encoding: 'binary',
		});
		const first = makeEnvelopes(20);
		const second = makeEnvelopes(20, 20);

		await structured.publishBatch(first);
		await binary.publishBatch(second);
		const received = await take(subscription, 40);

		expect(received.map((e) => e.id)).toEqual([...first, ...second].map((e) => e.id));
		expect(received).toEqual(JSON.parse(JSON.stringify([...first, ...second])));
		expect(Object.isFrozen(received[0])).toBe(true);
		expect(subscription.subject).toBe('order.integrations.>');
	});

	it('rejects malformed messages through onInvalid with a clear error, and keeps going', async () => {
		const invalid: InvalidMessageError[] = [];
		const subscription = subscribeNats(consumer, {
			subjectPrefix: 'bad',
			onInvalid: (error) => {
				invalid.push(error);
				if (invalid.length === 2) throw new Error('a failing onInvalid must not stop the loop');
			},
		});
		await consumer.flush();
		const good = makeEnvelopes(3);
		const valid = JSON.parse(JSON.stringify(good[0]));
		const binaryHeaders = encodeBinary(good[1]!, 'x').headers;
		binaryHeaders.delete('ce-id');
		const cloudevents = headers();
		cloudevents.set('content-type', 'application/cloudevents+json');

		nc.publish('bad.integrations.api.called', '{"id": "truncated', { headers: cloudevents });
		nc.publish(`bad.${good[0]!.type}`, JSON.stringify(good[0]));
		nc.publish('bad.integrations.data.synced', JSON.stringify(good[1]!.data), {
			headers: binaryHeaders,
		});
		nc.publish('bad.integrations.nope', JSON.stringify({ ...valid, type: 'integrations.nope' }));
		nc.publish(`bad.${good[1]!.type}`, JSON.stringify(good[1]));
		nc.publish(
			`bad.${good[0]!.type}`,
			JSON.stringify({ ...valid, data: { ...valid.data, extra: 1, integrationId: 7 } }),
		);
		nc.publish(`bad.${good[2]!.type}`, JSON.stringify(good[2]));
		const received = await take(subscription, 3);

		expect(received.map((e) => e.id)).toEqual(good.map((e) => e.id));
		expect(invalid.map((e) => [e.code, e.reason, e.subject])).toEqual([
			['ERR_INVALID_MESSAGE', 'json', 'bad.integrations.api.called'],
			['ERR_INVALID_MESSAGE', 'attributes', 'bad.integrations.data.synced'],
			['ERR_INVALID_MESSAGE', 'topic', 'bad.integrations.nope'],
			['ERR_INVALID_MESSAGE', 'payload', `bad.${good[0]!.type}`],
		]);
		expect(invalid[1]!.message).toContain('`id` is missing');
		expect(invalid[3]!.issues.map((i) => i.path)).toEqual([['integrationId']]);
		expect(subscription.invalid).toBe(4);
		expect(subscription.received).toBe(7);
	});

	it('a slow consumer does not hold the publisher back and still gets every event, in order', async () => {
		const gate = deferred();
		const handled: string[] = [];
		const subscription = subscribeNats(consumer, {
			subjectPrefix: 'slow',
			onEnvelope: async (envelope) => {
				if (handled.length === 0) await gate.promise;
				if (handled.length % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
				handled.push(envelope.id);
			},
		});
		await consumer.flush();
		const bus = createNatsBusAdapter({ connection: nc, subjectPrefix: 'slow' });
		const envelopes = makeEnvelopes(5_000);

		const report = await drive(bus, envelopes, { batchSize: 100 });
		expect(report.confirmed).toHaveLength(5_000);
		expect(handled).toHaveLength(0); // all confirmed while the consumer was still stuck on the first
		gate.resolve();
		const deadline = Date.now() + 20_000;
		while (handled.length < 5_000 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 10));

		expect(handled).toEqual(envelopes.map((e) => e.id));
		expect(() => subscription[Symbol.asyncIterator]()).toThrow(TypeError);
		await subscription.drain();
		await subscription.closed;
	});

	it('logs a rejected message when no onInvalid is given, and a failing onEnvelope does not stop it', async () => {
		const warnings: string[] = [];
		const errors: string[] = [];
		const handled: string[] = [];
		const logger = {
			error: (fields: Record<string, unknown>, msg: string) =>
				errors.push(`${msg} ${fields.error}`),
			warn: (fields: Record<string, unknown>, msg: string) =>
				warnings.push(`${msg} ${fields.code}`),
			info: () => {},
			debug: () => {},
		};
		const subscription = subscribeNats(consumer, {
			subjectPrefix: 'logged',
			logger,
			onEnvelope: (envelope) => {
				handled.push(envelope.id);
				if (handled.length === 1) throw new Error('handler boom');
			},
		});
		await consumer.flush();
		const [first, second] = [makeEnvelope(), makeEnvelope()];

		nc.publish('logged.integrations.api.called', 'nope');
		nc.publish('logged.integrations.api.called', JSON.stringify(first));
		nc.publish('logged.integrations.api.called', JSON.stringify(second));
		await nc.flush();
		await consumer.flush();
		await subscription.drain();
		await subscription.closed;

		expect(handled).toEqual([first.id, second.id]);
		expect(warnings).toEqual(['rejected an invalid NATS message ERR_INVALID_MESSAGE']);
		expect(errors).toEqual(['onEnvelope failed handler boom']);
	});
});

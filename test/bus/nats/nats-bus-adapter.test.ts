import { describe, expect, it } from 'vitest';
import { createNatsBusAdapter, NATS_BATCHING_DEFAULTS } from '../../../src/bus/nats/index.js';
import { createIntegrationsPublisher, INTEGRATIONS_TOPIC_LIST } from '../../../src/index.js';
import { countingSubscriber } from '../../support/counting-subscriber.js';
import { drive } from '../../support/drive.js';
import { makeEnvelope, makeEnvelopes } from '../../support/make-envelope.js';
import { startNatsServer, useNatsServer } from '../../support/nats-server.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { validEvents } from '../../support/valid-events.js';

const nats = useNatsServer();

describe('createNatsBusAdapter (core NATS)', () => {
	it.each(['structured', 'binary'] as const)(
		'%s: delivers 50,000 mixed-topic events exactly once to an independent subscriber',
		async (encoding) => {
			const subscriber = await countingSubscriber(nats.server.url);
			const bus = createNatsBusAdapter({ connection: nats.nc, encoding });
			const envelopes = makeEnvelopes(50_000);

			const report = await drive(bus, envelopes, { batchSize: 500, inFlight: 4 });
			await subscriber.settle(50_000);

			expect(report).toMatchObject({ itemFailures: 0, batchRejections: 0 });
			expect(report.confirmed).toHaveLength(50_000);
			expect(subscriber.received).toBe(50_000);
			expect(subscriber.invalid).toBe(0);
			expect(subscriber.ids.size).toBe(50_000);
			expect([...subscriber.ids.values()].every((n) => n === 1)).toBe(true);
			expect(envelopes.every((e) => subscriber.ids.has(e.id))).toBe(true);
			expect(Object.fromEntries(subscriber.topics)).toEqual(
				Object.fromEntries(INTEGRATIONS_TOPIC_LIST.map((topic) => [topic, 12_500])),
			);
			expect([...subscriber.subjects].sort()).toEqual([...INTEGRATIONS_TOPIC_LIST].sort());
			await bus.close();
			await subscriber.close();
		},
	);

	it('publishes to <subjectPrefix>.<topic>', async () => {
		const subscriber = await countingSubscriber(nats.server.url, 'cortex.>');
		const bus = createNatsBusAdapter({ connection: nats.nc, subjectPrefix: 'cortex' });

		expect(await bus.publishBatch(makeEnvelopes(8))).toBeUndefined();
		await subscriber.settle(8);

		expect([...subscriber.subjects].sort()).toEqual(
			INTEGRATIONS_TOPIC_LIST.map((t) => `cortex.${t}`).sort(),
		);
		await subscriber.close();
	});

	it('reports an envelope it cannot encode as a failed index and still sends the rest', async () => {
		const subscriber = await countingSubscriber(nats.server.url);
		const bus = createNatsBusAdapter({ connection: nats.nc, encoding: 'binary' });
		const batch = [
			makeEnvelope(),
			makeEnvelope('connected', { headers: { 'bad name': 'x' } }),
			makeEnvelope(),
		];

		const result = await bus.publishBatch(batch);
		await subscriber.settle(2);

		expect(result?.failed.map((f) => f.index)).toEqual([1]);
		expect(result?.failed[0]?.error).toMatchObject({
			code: 'ERR_INVALID_ENVELOPE',
			rule: 'headers',
		});
		expect([...subscriber.ids.keys()].sort()).toEqual([batch[0]!.id, batch[2]!.id].sort());
		await subscriber.close();
	});

	it('owns a connection opened from `servers`: close() drains it; a given connection stays open', async () => {
		const owned = createNatsBusAdapter({ servers: nats.server.url });
		expect(await owned.publishBatch(makeEnvelopes(3))).toBeUndefined();
		const ownedConnection = await owned.connection();
		await owned.close();
		expect(ownedConnection.isClosed()).toBe(true);

		const given = createNatsBusAdapter({ connection: nats.nc });
		expect(await given.publishBatch(makeEnvelopes(3))).toBeUndefined();
		await given.close();
		expect(nats.nc.isClosed()).toBe(false);
		await expect(given.publishBatch(makeEnvelopes(1))).rejects.toMatchObject({
			code: 'ERR_BUS_CLOSED',
		});
	});

	it('rejects a batch with ERR_BUS_DISCONNECTED when it cannot connect, and connects on a later batch', async () => {
		const down = await startNatsServer();
		await down.stop();
		const bus = createNatsBusAdapter({ servers: down.url });

		await expect(bus.publishBatch(makeEnvelopes(1))).rejects.toMatchObject({
			code: 'ERR_BUS_DISCONNECTED',
		});
		await down.start();
		expect(await bus.publishBatch(makeEnvelopes(1))).toBeUndefined();
		await bus.close();
		await down.dispose();
	});

	it('while the server is down, rejects batches with ERR_BUS_DISCONNECTED; after it is back, publishes again and logs both', async () => {
		const own = await startNatsServer();
		const { logger, lines: records } = recordingLogger();
		const bus = createNatsBusAdapter({
			servers: own.url,
			logger,
			connectionOptions: { reconnectTimeWait: 50 },
		});
		expect(await bus.publishBatch(makeEnvelopes(10))).toBeUndefined();

		await own.stop({ crash: true });
		const whileDown = await retryUntil(() =>
			bus.publishBatch(makeEnvelopes(10)).then(
				() => 'ok',
				(e) => e.code,
			),
		);
		expect(whileDown).toBe('ERR_BUS_DISCONNECTED');
		await own.start();
		const subscriber = await countingSubscriber(own.url);
		const afterwards = await retryUntil(
			() =>
				bus.publishBatch(makeEnvelopes(10)).then(
					() => 'ok',
					(e) => e.code,
				),
			'ok',
		);
		await subscriber.settle(10);

		expect(afterwards).toBe('ok');
		expect(subscriber.received).toBe(10);
		expect(records.map((r) => `${r.level}:${r.msg}`)).toEqual(
			expect.arrayContaining([
				'warn:NATS connection lost; reconnecting',
				'info:NATS connection restored',
			]),
		);
		expect(records.every((r) => r.fields.brand === 'brAInwav')).toBe(true);
		await bus.close();
		await subscriber.close();
		await own.dispose();
	});

	it.each([
		['connection', {}],
		['connection', { servers: 'nats://x', connection: {} }],
		['servers', { servers: [] }],
		['encoding', { servers: 'nats://x', encoding: 'xml' }],
		['subjectPrefix', { servers: 'nats://x', subjectPrefix: 'a.*' }],
		['subjectPrefix', { servers: 'nats://x', subjectPrefix: 'cortex.' }],
		['flushTimeoutMillis', { servers: 'nats://x', flushTimeoutMillis: 0 }],
		['jetstream', { servers: 'nats://x', jetstream: 'yes' }],
		['jetstream.maxAcksInFlight', { servers: 'nats://x', jetstream: { maxAcksInFlight: 1.5 } }],
		['jetstream.stream', { servers: 'nats://x', jetstream: { stream: 'A.B' } }],
	])('rejects an invalid %s option eagerly with ERR_INVALID_OPTION', (option, options) => {
		expect(() => createNatsBusAdapter(options as never)).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option,
				message: expect.stringMatching(new RegExp(`^${option}: expected .+, got .+$`)),
			}),
		);
	});
});

/** Calls `attempt` until it yields `until` (or anything but 'ok' when `until` is omitted). */
async function retryUntil(attempt: () => Promise<string>, until?: string): Promise<string> {
	const deadline = Date.now() + 20_000;
	let last = '';
	while (Date.now() < deadline) {
		last = await attempt();
		if (until === undefined ? last !== 'ok' : last === until) return last;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	return last;
}

describe('createNatsBusAdapter batching defaults', () => {
	it('asks a publisher for larger batches, several in flight: core and JetStream presets', async () => {
		const core = createNatsBusAdapter({ servers: 'nats://127.0.0.1:1' });
		const durable = createNatsBusAdapter({ servers: 'nats://127.0.0.1:1', jetstream: true });

		expect(core.batchingDefaults).toEqual(NATS_BATCHING_DEFAULTS.core);
		expect(durable.batchingDefaults).toEqual(NATS_BATCHING_DEFAULTS.jetstream);
		expect(NATS_BATCHING_DEFAULTS.core.maxBatchSize).toBeGreaterThan(25);
		// The publisher takes them when its options are silent: a full batch goes out as one call.
		const sizes: number[] = [];
		const spy = {
			...core,
			publishBatch: async (batch: readonly unknown[]) => void sizes.push(batch.length),
		};
		const publisher = createIntegrationsPublisher({ bus: spy, batching: { enabled: true } });
		for (let i = 0; i < 3_000; i++) publisher.apiCalled(validEvents.apiCalled);
		await publisher.close();
		expect(Math.max(...sizes)).toBe(NATS_BATCHING_DEFAULTS.core.maxBatchSize);
		await core.close();
		await durable.close();
	});
});

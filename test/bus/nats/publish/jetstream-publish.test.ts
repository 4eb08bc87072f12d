import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { createNatsBusAdapter, ensureIntegrationsStream } from '../../../../src/bus/nats/index.js';
import { drive } from '../../../support/drive.js';
import { makeEnvelope, makeEnvelopes } from '../../../support/make-envelope.js';
import { startNatsServer, useNatsServer } from '../../../support/nats-server.js';
import { storedIds } from '../../../support/stored-ids.js';

const nats = useNatsServer();

/** A stream of its own per test: prefix `<name>` captures `<name>.integrations.>`. */
async function freshStream(name: string, storage: 'file' | 'memory' = 'memory') {
	await ensureIntegrationsStream(nats.nc, { name, subjectPrefix: name, storage });
	return { stream: name, subjectPrefix: name };
}

describe('createNatsBusAdapter (JetStream)', () => {
	it.each(['structured', 'binary'] as const)(
		'%s: acknowledges every event of a 10,000-event stream, and the stream holds each exactly once',
		async (encoding) => {
			const { stream, subjectPrefix } = await freshStream(`ACK_${encoding.toUpperCase()}`);
			const bus = createNatsBusAdapter({
				connection: nats.nc,
				encoding,
				subjectPrefix,
				jetstream: { stream },
			});
			const envelopes = makeEnvelopes(10_000);

			const report = await drive(bus, envelopes, { batchSize: 250, inFlight: 4 });
			const ids = await storedIds(nats.nc, stream);

			expect(report).toMatchObject({ itemFailures: 0, batchRejections: 0 });
			expect(ids).toHaveLength(10_000);
			expect(new Set(ids)).toEqual(new Set(envelopes.map((e) => e.id)));
			await bus.close();
		},
	);

	it('stores an envelope published twice only once (Nats-Msg-Id = event id), and confirms both publishes', async () => {
		const { stream, subjectPrefix } = await freshStream('DEDUPE');
		const bus = createNatsBusAdapter({ connection: nats.nc, subjectPrefix, jetstream: true });
		const envelope = makeEnvelope('webhookReceived');
		const other = makeEnvelope('apiCalled');

		expect(await bus.publishBatch([envelope, other])).toBeUndefined();
		expect(await bus.publishBatch([envelope])).toBeUndefined();
		expect(await bus.publishBatch([other, envelope, envelope])).toBeUndefined();

		expect(await storedIds(nats.nc, stream)).toEqual([envelope.id, other.id]);
	});

	it('reports every item the server refuses (wrong expected stream) as failed with ERR_BUS_PUBLISH', async () => {
		const { subjectPrefix } = await freshStream('REFUSE');
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix,
			jetstream: { stream: 'ELSEWHERE' },
		});

		const result = await bus.publishBatch(makeEnvelopes(5));

		expect(result?.failed.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
		for (const failure of result?.failed ?? []) {
			expect(failure.error).toMatchObject({ code: 'ERR_BUS_PUBLISH' });
			expect((failure.error as Error).cause).toBeInstanceOf(Error);
		}
	});

	it('reports items on a subject no stream captures as failed, without waiting for the ack timeout', async () => {
		const bus = createNatsBusAdapter({
			connection: nats.nc,
			subjectPrefix: 'nostream',
			jetstream: { ackTimeoutMillis: 60_000 },
		});

		const result = await bus.publishBatch(makeEnvelopes(3));

		expect(result?.failed.map((f) => (f.error as { code: string }).code)).toEqual([
			'ERR_BUS_PUBLISH',
			'ERR_BUS_PUBLISH',
			'ERR_BUS_PUBLISH',
		]);
	});

	it('server restart mid-stream: nothing acknowledged is lost; unacknowledged items are reported failed and stored on retry', async () => {
		const own = await startNatsServer();
		const probe = await connect({ servers: own.url });
		await ensureIntegrationsStream(probe, { name: 'RESTART', storage: 'file' });
		await probe.close();
		const bus = createNatsBusAdapter({
			servers: own.url,
			connectionOptions: { reconnectTimeWait: 50 },
			jetstream: { stream: 'RESTART', ackTimeoutMillis: 2_000 },
		});
		const envelopes = makeEnvelopes(12_000);
		let restart: Promise<void> | undefined;

		const report = await drive(bus, envelopes, {
			batchSize: 250,
			inFlight: 4,
			onBatch: (n) => {
				if (n === 16) restart = own.stop().then(() => own.start());
			},
		});
		await restart;
		const check = await connect({ servers: own.url });
		const ids = await storedIds(check, 'RESTART');

		expect(report.itemFailures + report.batchRejections).toBeGreaterThan(0);
		const retryable = ['ERR_BUS_DISCONNECTED', 'ERR_BUS_TIMEOUT', 'ERR_BUS_PUBLISH'];
		expect([...report.codes.keys()].filter((code) => !retryable.includes(code))).toEqual([]);
		expect(report.confirmed).toHaveLength(12_000);
		expect(ids).toHaveLength(12_000);
		expect(new Set(ids)).toEqual(new Set(envelopes.map((e) => e.id)));
		await check.close();
		await bus.close();
		await own.dispose();
	});
});

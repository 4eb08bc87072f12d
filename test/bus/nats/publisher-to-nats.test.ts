import { describe, expect, it } from 'vitest';
import { createNatsBusAdapter, ensureIntegrationsStream } from '../../../src/bus/nats/index.js';
import {
	createIntegrationsPublisher,
	INTEGRATIONS_TOPIC_LIST,
	INTEGRATIONS_TOPICS,
	type IntegrationsPublisher,
} from '../../../src/index.js';
import { countingSubscriber } from '../../support/counting-subscriber.js';
import { KINDS } from '../../support/make-envelope.js';
import { useNatsServer } from '../../support/nats-server.js';
import { storedIds } from '../../support/stored-ids.js';
import { type EventKind, validEvents } from '../../support/valid-events.js';

// The adapter behind the real publisher in batching mode, as a deployment runs it.

const nats = useNatsServer();

const PRIORITIES = ['high', 'normal', 'low'] as const;

/** Emits `count` events cycling topics and priorities, waiting on `ready()` under backpressure. */
async function emitMixed(publisher: IntegrationsPublisher, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		const kind = KINDS[i % KINDS.length] as EventKind;
		const data = { ...validEvents[kind], integrationId: `int-${i}` };
		const status = publisher.emit(INTEGRATIONS_TOPICS[kind], data as never, {
			priority: PRIORITIES[i % PRIORITIES.length],
		});
		expect(status).not.toBe('dropped');
		if (status === 'backpressure') await publisher.ready();
	}
}

describe('createIntegrationsPublisher → NATS adapter', () => {
	it('core NATS: 50,000 events of mixed topics and priorities reach an independent subscriber exactly once', async () => {
		const subscriber = await countingSubscriber(nats.server.url);
		const publisher = createIntegrationsPublisher({
			bus: createNatsBusAdapter({ connection: nats.nc }),
			batching: { enabled: true, maxBatchSize: 500, maxConcurrentFlushes: 4, maxQueueSize: 20_000 },
		});

		await emitMixed(publisher, 50_000);
		await publisher.flush();
		await subscriber.settle(50_000);

		expect(publisher.stats()).toMatchObject({
			offered: 50_000,
			delivered: 50_000,
			dropped: 0,
			invalid: 0,
			deadLettered: 0,
		});
		expect(subscriber.received).toBe(50_000);
		expect(subscriber.invalid).toBe(0);
		expect(subscriber.ids.size).toBe(50_000);
		expect(Object.fromEntries(subscriber.topics)).toEqual(
			Object.fromEntries(INTEGRATIONS_TOPIC_LIST.map((topic) => [topic, 12_500])),
		);
		await publisher.close();
		await subscriber.close();
	});

	it('JetStream: every event the publisher reports delivered is stored exactly once', async () => {
		await ensureIntegrationsStream(nats.nc, {
			name: 'PUBLISHER',
			subjectPrefix: 'pub',
			storage: 'memory',
		});
		const publisher = createIntegrationsPublisher({
			bus: createNatsBusAdapter({
				connection: nats.nc,
				subjectPrefix: 'pub',
				jetstream: { stream: 'PUBLISHER' },
			}),
			batching: { enabled: true, maxBatchSize: 250, maxConcurrentFlushes: 4, maxQueueSize: 20_000 },
		});

		await emitMixed(publisher, 10_000);
		await publisher.flush();
		const ids = await storedIds(nats.nc, 'PUBLISHER');

		expect(publisher.stats()).toMatchObject({ delivered: 10_000, deadLettered: 0 });
		expect(ids).toHaveLength(10_000);
		expect(new Set(ids).size).toBe(10_000);
		await publisher.close();
	});
});

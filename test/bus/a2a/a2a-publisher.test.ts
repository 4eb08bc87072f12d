import { describe, expect, it } from 'vitest';
import { type A2AEnvelope, createA2ABusAdapter } from '../../../src/bus/a2a/index.js';
import { BRAND, BRAND_HEADER } from '../../../src/events/index.js';
import { createIntegrationsPublisher, INTEGRATIONS_TOPICS } from '../../../src/index.js';
import { A2AEnvelopeSchema } from '../../support/a2a-envelope-schema.js';
import { KINDS } from '../../support/make-envelope.js';
import { type EventKind, validEvents } from '../../support/valid-events.js';

// The A2A adapter behind the real publisher in batching mode.

describe('createIntegrationsPublisher → A2A adapter', () => {
	it('every envelope the transport receives satisfies the A2A Envelope schema; refused publishes are retried until each lands once', async () => {
		const received: A2AEnvelope[] = [];
		const attempts = new Map<string, number>();
		const transport = {
			async publish(envelope: A2AEnvelope) {
				const n = (attempts.get(envelope.id) ?? 0) + 1;
				attempts.set(envelope.id, n);
				// Every 7th event is refused on its first attempt.
				if (n === 1 && attempts.size % 7 === 0) throw new Error('transport busy');
				received.push(envelope);
			},
		};
		const publisher = createIntegrationsPublisher({
			bus: createA2ABusAdapter({ transport, maxConcurrentPublishes: 16 }),
			batching: {
				enabled: true,
				maxBatchSize: 50,
				retry: { initialDelayMillis: 1, maxDelayMillis: 5 },
			},
		});

		for (let i = 0; i < 2_000; i++) {
			const kind = KINDS[i % KINDS.length] as EventKind;
			const priority = (['high', 'normal', 'low'] as const)[i % 3];
			publisher.emit(INTEGRATIONS_TOPICS[kind], validEvents[kind] as never, { priority });
		}
		await publisher.flush();

		expect(publisher.stats()).toMatchObject({ delivered: 2_000, deadLettered: 0, invalid: 0 });
		expect(publisher.stats().retried).toBeGreaterThan(0);
		expect(received).toHaveLength(2_000);
		expect(new Set(received.map((e) => e.id)).size).toBe(2_000);
		for (const envelope of received) {
			expect(A2AEnvelopeSchema.parse(envelope)).toEqual(envelope);
			expect(envelope.headers[BRAND_HEADER]).toBe(BRAND);
			expect(envelope.source).toBe('urn:cortex:integrations');
		}
		await publisher.close();
	});
});

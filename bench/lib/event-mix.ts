// Realistic, varied integrations events for benchmarks: the four kinds interleaved, ids, counts and
// optional fields varying, and an optional share of invalid events spread over several defects.
export type EventKind = 'connected' | 'dataSynced' | 'apiCalled' | 'webhookReceived';

export interface MixedEvent {
	readonly kind: EventKind;
	readonly data: Record<string, unknown>;
	readonly valid: boolean;
}

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const kinds: readonly EventKind[] = ['connected', 'dataSynced', 'apiCalled', 'webhookReceived'];

function validEvent(kind: EventKind, i: number): Record<string, unknown> {
	const at = new Date(1_760_000_000_000 + i * 1000).toISOString();
	const integrationId = `int-${i % 97}`;
	switch (kind) {
		case 'connected':
			return {
				integrationId,
				type: 'api',
				name: `Vendor ${i % 13}`,
				status: 'active',
				connectedAt: at,
			};
		case 'dataSynced':
			return {
				integrationId,
				syncId: `sync-${i}`,
				direction: i % 2 ? 'inbound' : 'outbound',
				recordsProcessed: (i * 37) % 5000,
				status: 'completed',
				syncedAt: at,
				...(i % 5 === 0 ? { errorMessage: 'partial' } : {}),
			};
		case 'apiCalled':
			return {
				integrationId,
				method: methods[i % methods.length],
				endpoint: `/v1/items/${i % 1000}`,
				statusCode: i % 10 === 0 ? 500 : 200,
				duration: i % 250,
				calledAt: at,
				...(i % 3 === 0 ? { requestSize: 128 + (i % 512), responseSize: 1024 } : {}),
			};
		default:
			return {
				integrationId,
				webhookId: `wh-${i}`,
				source: 'stripe',
				event: 'charge.succeeded',
				payloadSize: 200 + (i % 4000),
				processed: i % 2 === 0,
				receivedAt: at,
			};
	}
}

const defects: ReadonlyArray<(data: Record<string, unknown>) => void> = [
	(d) => delete d.integrationId,
	(d) => (d.integrationId = 42),
	(d) => (d.status = 'unknown'),
	(d) => (d.recordsProcessed = -1),
	(d) => (d.statusCode = 0),
	(d) => (d.duration = 1.5),
	(d) => (d.payloadSize = 'big'),
	(d) => (d.processed = 'yes'),
];

/** `count` varied events; every `1 / invalidShare`-th one is invalid (0 → all valid). */
export function eventMix(count: number, invalidShare = 0): MixedEvent[] {
	const every = invalidShare > 0 ? Math.round(1 / invalidShare) : 0;
	const out: MixedEvent[] = [];
	for (let i = 0; i < count; i++) {
		const kind = kinds[i % kinds.length]!;
		const data = validEvent(kind, i);
		const valid = !(every > 0 && i % every === every - 1);
		if (!valid) defects[((i / every) % defects.length) | 0]!(data);
		out.push({ kind, data, valid });
	}
	return out;
}

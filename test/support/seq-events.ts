import {
	INTEGRATIONS_EVENT_SCHEMAS,
	INTEGRATIONS_TOPICS,
	type IntegrationsEnvelope,
	isIntegrationsTopic,
} from '../../src/index.js';

// Events that carry their emit sequence number in `integrationId` (`i<seq>`), so a test can tell
// from any envelope which emit it came from, whatever the topic.

export const TOPIC_KEYS = ['connected', 'dataSynced', 'apiCalled', 'webhookReceived'] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

const AT = '2025-01-01T00:00:00.000Z';

/** A valid payload of `topic` carrying `seq`. */
export function validPayload(topic: TopicKey, seq: number): Record<string, unknown> {
	const integrationId = `i${seq}`;
	switch (topic) {
		case 'connected':
			return { integrationId, type: 'api', name: `n${seq}`, status: 'active', connectedAt: AT };
		case 'dataSynced':
			return {
				integrationId,
				syncId: `s${seq}`,
				direction: 'inbound',
				recordsProcessed: seq,
				status: 'completed',
				syncedAt: AT,
			};
		case 'apiCalled':
			return {
				integrationId,
				method: 'GET',
				endpoint: '/x',
				statusCode: 200,
				duration: seq,
				calledAt: AT,
			};
		case 'webhookReceived':
			return {
				integrationId,
				webhookId: `w${seq}`,
				source: 'github',
				event: 'push',
				payloadSize: seq,
				processed: false,
				receivedAt: AT,
			};
	}
}

/**
 * A valid payload wrapped in hostile extras that validation must strip: a cycle, a function, a
 * BigInt, a symbol key, NaN and Infinity, and a `__proto__` own key. Valid after stripping.
 */
export function hostileValidPayload(topic: TopicKey, seq: number): Record<string, unknown> {
	const payload: Record<string | symbol, unknown> = { ...validPayload(topic, seq) };
	payload.self = payload;
	if (seq % 4 === 0) payload.fn = () => 'never called'; // cannot be cloned to a worker
	payload.big = 10n ** 30n;
	payload[Symbol('hidden')] = 'symbol';
	payload.nan = Number.NaN;
	payload.inf = Number.POSITIVE_INFINITY;
	Object.defineProperty(payload, '__proto__', {
		value: { polluted: true },
		enumerable: true,
		configurable: true,
		writable: true,
	});
	return payload as Record<string, unknown>;
}

/** A payload that fails every schema (a BigInt, NaN or Infinity where a string or integer goes). */
export function hostileInvalidPayload(topic: TopicKey, seq: number): Record<string, unknown> {
	const kinds = [10n, Number.NaN, Number.POSITIVE_INFINITY, { toString: () => 'x' }];
	return { ...validPayload(topic, seq), integrationId: kinds[seq % kinds.length] };
}

/** A raw JSON body that tries to pollute prototypes through `__proto__` and `constructor`. */
export function pollutingRawBody(topic: TopicKey, seq: number): string {
	const json = JSON.stringify(validPayload(topic, seq));
	return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${json.slice(1)}`;
}

/** The emit sequence number an envelope came from. */
export function seqOf(envelope: IntegrationsEnvelope): number {
	const id = (envelope.data as { integrationId?: unknown }).integrationId;
	if (typeof id !== 'string' || !id.startsWith('i')) throw new Error(`no seq in ${String(id)}`);
	return Number(id.slice(1));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** What validation must conclude about an input, computed independently with the compat schemas. */
export function expectedValid(topic: string, input: unknown, raw: boolean): boolean {
	if (!isIntegrationsTopic(topic)) return false;
	let value = input;
	if (raw) {
		try {
			value = JSON.parse(
				typeof input === 'string' ? input : strictUtf8.decode(input as Uint8Array),
			);
		} catch {
			return false;
		}
	}
	return INTEGRATIONS_EVENT_SCHEMAS[topic].safeParse(value).success;
}

export const topicOf = (key: TopicKey) => INTEGRATIONS_TOPICS[key];

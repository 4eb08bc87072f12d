// The soak's event mix. Everything about an event follows from its sequence number: its kind (valid
// or not, object or raw body, inline or worker-sized), topic and priority. Every event carries the
// number as `integrationId: "i<seq>"`, so the bus and the hooks can tell which emit they see.

const AT = '2025-01-01T00:00:00.000Z';
const TOPICS = [
	'integrations.connection.established',
	'integrations.data.synced',
	'integrations.api.called',
	'integrations.webhook.received',
];

/** Kinds and their share of the traffic, in percent (the shares add up to 100). */
export const KINDS = Object.freeze([
	{ name: 'object', share: 55, valid: true },
	{ name: 'object-extra', share: 10, valid: true }, // unknown keys, stripped by validation
	{ name: 'object-invalid', share: 5, valid: false },
	{ name: 'raw-small', share: 12, valid: true }, // a string under minRawBodyBytes: inline
	{ name: 'raw-large', share: 10, valid: true }, // bytes over minRawBodyBytes: a worker
	{ name: 'raw-bad-json', share: 3, valid: false },
	{ name: 'raw-invalid', share: 3, valid: false }, // worker-sized JSON that fails the schema
	{ name: 'unknown-topic', share: 2, valid: false },
]);

const KIND_BY_PERCENT = KINDS.flatMap((kind) => Array(kind.share).fill(kind));
const PADDING = 'x'.repeat(400);

/** A cheap, well-mixed 32-bit hash of `seq`: the event's dice. */
function hash(seq) {
	let h = Math.imul(seq ^ (seq >>> 16), 0x45d9f3b);
	h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
	return (h ^ (h >>> 16)) >>> 0;
}

/** What event `seq` is: `{ kind, topic, priority }`. */
export function describeEvent(seq) {
	const h = hash(seq);
	const kind = KIND_BY_PERCENT[h % 100];
	const topicIndex = (h >>> 8) % TOPICS.length;
	const dice = (h >>> 16) % 10;
	const priority = dice === 0 ? 'high' : dice < 3 ? 'low' : 'normal';
	return { kind, topic: TOPICS[topicIndex], topicIndex, priority };
}

/** A valid payload of topic `topicIndex` carrying `seq`. */
function payload(topicIndex, seq) {
	const integrationId = `i${seq}`;
	switch (topicIndex) {
		case 0:
			return { integrationId, type: 'api', name: 'n', status: 'active', connectedAt: AT };
		case 1:
			return {
				integrationId,
				syncId: 's',
				direction: 'inbound',
				recordsProcessed: seq,
				status: 'completed',
				syncedAt: AT,
			};
		case 2:
			return {
				integrationId,
				method: 'GET',
				endpoint: '/x',
				statusCode: 200,
				duration: 1,
				calledAt: AT,
			};
		default:
			return {
				integrationId,
				webhookId: 'w',
				source: 'github',
				event: 'push',
				payloadSize: seq,
				processed: false,
				receivedAt: AT,
			};
	}
}

/** Per topic, a required field with a value of the wrong type. */
const BROKEN_FIELD = [
	{ status: 42 },
	{ recordsProcessed: 'many' },
	{ statusCode: 'ok' },
	{ processed: 'no' },
];

const encoder = new TextEncoder();

/**
 * The arguments of the emit for event `seq`: `{ raw, topic, input, priority }` (`raw`: use
 * `emitRaw`). Fresh objects and bodies each time, as a producer would make them.
 */
export function makeEvent(seq) {
	const { kind, topic, topicIndex, priority } = describeEvent(seq);
	const data = payload(topicIndex, seq);
	switch (kind.name) {
		case 'object':
			return { raw: false, topic, input: data, priority };
		case 'object-extra':
			return {
				raw: false,
				topic,
				input: { ...data, note: 'stripped', extra: { n: seq } },
				priority,
			};
		case 'object-invalid':
			return { raw: false, topic, input: { ...data, ...BROKEN_FIELD[topicIndex] }, priority };
		case 'raw-small':
			return { raw: true, topic, input: JSON.stringify(data), priority };
		case 'raw-large': {
			const body = JSON.stringify({ ...data, padding: PADDING });
			return { raw: true, topic, input: encoder.encode(body), priority };
		}
		case 'raw-bad-json':
			return { raw: true, topic, input: `{"integrationId":"i${seq}","truncated":`, priority };
		case 'raw-invalid': {
			const body = JSON.stringify({ integrationId: `i${seq}`, status: 42, padding: PADDING });
			return { raw: true, topic, input: encoder.encode(body), priority };
		}
		default:
			return { raw: false, topic: 'integrations.unknown', input: data, priority };
	}
}

const decoder = new TextDecoder();
const SEQ_PATTERN = /"integrationId":"i(\d+)"/;

/** The sequence number of an event, from what a hook or the bus sees of it (object or body). */
export function seqOf(input) {
	if (typeof input === 'string' || input instanceof Uint8Array) {
		const text = typeof input === 'string' ? input : decoder.decode(input.subarray(0, 64));
		const match = SEQ_PATTERN.exec(text);
		return match ? Number(match[1]) : -1;
	}
	const id = input?.integrationId;
	return typeof id === 'string' && id.startsWith('i') ? Number(id.slice(1)) : -1;
}

import {
	BRAND,
	BRAND_HEADER,
	DEFAULT_ENVELOPE_TTL_MILLIS,
	dataSchemaUrl,
	INTEGRATIONS_TOPIC_LIST,
	type IntegrationsEnvelope,
	type IntegrationsTopic,
} from '../../events/index.js';
import type { PendingEvent } from '../pending-event.js';
import { nextEventId } from './event-ids.js';
import { JsonEnvelope } from './json-envelope.js';
import { formatTraceparent, formatTracestate } from './trace-context.js';

type MutableEnvelope = { -readonly [K in keyof IntegrationsEnvelope]: IntegrationsEnvelope[K] };

/** Builds the CloudEvents envelopes of validated events. */
export interface EnvelopeFactory {
	/**
	 * The envelope of a validated event. `value` is the stripped payload, or (from a worker) its
	 * canonical JSON string. `wallOffsetMillis` converts `offeredAt` (`performance.now()`) to epoch
	 * milliseconds: `Date.now() - performance.now()`, taken once per batch.
	 */
	build(event: PendingEvent, value: unknown, wallOffsetMillis: number): IntegrationsEnvelope;
	/**
	 * The same, for an event offered just now (sync mode): its `time` is `Date.now()`, one clock
	 * read, where `build` needs `offeredAt` and an offset.
	 */
	buildNow(event: PendingEvent, value: unknown): IntegrationsEnvelope;
}

const SCHEMA_URLS = INTEGRATIONS_TOPIC_LIST.map(dataSchemaUrl);

/** `Date.now() - performance.now()`: the epoch time of `performance.now()`'s zero. */
export function wallClockOffset(): number {
	return Date.now() - performance.now();
}

/**
 * `epochMillis` as an ISO 8601 string (`Date#toISOString`), for times that mostly repeat the last
 * millisecond: `toISOString` costs ~450 ns, so calls within the same millisecond share one string.
 */
export function createIsoTimeCache(): (epochMillis: number) => string {
	let lastMillis = Number.NaN;
	let lastIso = '';
	return (epochMillis) => {
		const millis = Math.floor(epochMillis);
		if (millis !== lastMillis) {
			lastMillis = millis;
			lastIso = new Date(millis).toISOString();
		}
		return lastIso;
	};
}

export function createEnvelopeFactory(source: string): EnvelopeFactory {
	const isoTime = createIsoTimeCache();

	const make = (event: PendingEvent, value: unknown, epochMillis: number): IntegrationsEnvelope => {
		let envelope: MutableEnvelope = {
			id: nextEventId(),
			type: event.topic as IntegrationsTopic,
			source,
			specversion: '1.0',
			time: isoTime(epochMillis),
			datacontenttype: 'application/json',
			dataschema: SCHEMA_URLS[event.topicIndex] as string,
			ttlMs: DEFAULT_ENVELOPE_TTL_MILLIS,
			// Own headers per envelope: some buses add headers in place.
			headers: { [BRAND_HEADER]: BRAND },
			data: value,
		};
		if (typeof value === 'string' || value instanceof Uint8Array)
			envelope = new JsonEnvelope(envelope, value);
		if (event.spanContext !== undefined) {
			envelope.traceparent = formatTraceparent(event.spanContext);
			const tracestate = formatTracestate(event.spanContext);
			if (tracestate !== undefined) envelope.tracestate = tracestate;
		}
		return envelope;
	};

	return {
		build: (event, value, wallOffsetMillis) =>
			make(event, value, event.offeredAt + wallOffsetMillis),
		buildNow: (event, value) => make(event, value, Date.now()),
	};
}

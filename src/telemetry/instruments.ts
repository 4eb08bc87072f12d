// Every OpenTelemetry instrument of this library: names, units, descriptions, bucket advice and the
// closed set of attribute keys. The brAInwav identity is a constant attribute (`brand=brAInwav`) on
// every data point, so names follow plain OTel naming (dots, lowercase, units in `unit`).

/** Meter (instrumentation scope) name. */
export const METER_NAME = '@cortex-os/integrations';

/** Meter (instrumentation scope) version: the package version (a test keeps them equal). */
export const METER_VERSION = '1.0.0';

/** Attribute keys; no other key is ever recorded (cardinality stays bounded). */
export const ATTR = Object.freeze({
	brand: 'brand',
	topic: 'topic',
	priority: 'priority',
	outcome: 'outcome',
	reason: 'reason',
	validationMode: 'validation_mode',
	tool: 'tool',
	statusClass: 'status_class',
	method: 'method',
} as const);

export const ALLOWED_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(Object.values(ATTR));

/** The constant brand attribute carried by every data point. */
export const BRAND_ATTRIBUTES = Object.freeze({ [ATTR.brand]: 'brAInwav' });

/** Latency buckets in seconds, 0.1 ms .. 10 s. */
export const LATENCY_BUCKETS_SECONDS = Object.freeze([
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** HTTP / tool call buckets in seconds, 1 ms .. 60 s. */
export const CALL_BUCKETS_SECONDS = Object.freeze([
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
]);

/** Batch size buckets in events. */
export const BATCH_SIZE_BUCKETS = Object.freeze([1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000]);

interface InstrumentSpec {
	readonly name: string;
	readonly unit: string;
	readonly description: string;
	readonly buckets?: readonly number[];
}

const spec = (
	name: string,
	unit: string,
	description: string,
	buckets?: readonly number[],
): InstrumentSpec => Object.freeze({ name, unit, description, buckets });

/** Instrument specs, grouped by component. */
export const INSTRUMENTS = Object.freeze({
	eventsOffered: spec('integrations.events.offered', '{event}', 'Events offered to the publisher'),
	eventsDelivered: spec('integrations.events.delivered', '{event}', 'Events accepted by the bus'),
	eventsInvalid: spec('integrations.events.invalid', '{event}', 'Events rejected by validation'),
	eventsDropped: spec('integrations.events.dropped', '{event}', 'Events dropped by policy'),
	eventsRetried: spec('integrations.events.retried', '{event}', 'Event delivery retries'),
	eventsDeadLettered: spec(
		'integrations.events.dead_lettered',
		'{event}',
		'Events given up after the last retry',
	),
	deliveryLatency: spec(
		'integrations.events.delivery.duration',
		's',
		'Time from emit to acceptance by the bus',
		LATENCY_BUCKETS_SECONDS,
	),
	flushDuration: spec(
		'integrations.publisher.flush.duration',
		's',
		'Duration of one batch publish to the bus',
		LATENCY_BUCKETS_SECONDS,
	),
	validationDuration: spec(
		'integrations.publisher.validation.duration',
		's',
		'Duration of validating one batch',
		LATENCY_BUCKETS_SECONDS,
	),
	batchSize: spec(
		'integrations.publisher.batch.size',
		'{event}',
		'Events per flushed batch',
		BATCH_SIZE_BUCKETS,
	),
	queueDepth: spec('integrations.publisher.queue.depth', '{event}', 'Events waiting in the queue'),
	toolDuration: spec(
		'integrations.mcp.tool.duration',
		's',
		'Duration of one MCP tool call',
		CALL_BUCKETS_SECONDS,
	),
	toolCalls: spec('integrations.mcp.tool.calls', '{call}', 'MCP tool calls by outcome'),
	httpDuration: spec(
		'integrations.http.client.request.duration',
		's',
		'Duration of one outbound HTTP request',
		CALL_BUCKETS_SECONDS,
	),
} as const);

export type InstrumentSpecs = typeof INSTRUMENTS;

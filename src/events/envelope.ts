import type { IntegrationsTopic } from './topics.js';

/** Version of the event contracts (`contracts/*.v1.schema.json`); carried in `dataschema`. */
export const INTEGRATIONS_CONTRACT_VERSION = 'v1';

/** Default CloudEvents `source` of integrations events (Cortex-OS `urn:cortex:<package>`). */
export const DEFAULT_INTEGRATIONS_SOURCE = 'urn:cortex:integrations';

/** Default A2A `ttlMs` (as Cortex-OS `createEnvelope`). */
export const DEFAULT_ENVELOPE_TTL_MILLIS = 60_000;

/** Header every envelope carries (Cortex-OS brand convention). */
export const BRAND_HEADER = 'brainwav-brand';
export const BRAND = 'brAInwav';

/** The `dataschema` URL of a topic's contract, carrying the contract version. */
export function dataSchemaUrl(topic: IntegrationsTopic): string {
	return `https://schemas.cortex-os.dev/integrations/${topic}/${INTEGRATIONS_CONTRACT_VERSION}`;
}

/**
 * A CloudEvents 1.0 envelope compatible with the Cortex-OS A2A `Envelope`
 * (`@cortex-os/a2a-contracts`): what bus adapters receive and what subscribers get back.
 */
export interface IntegrationsEnvelope<TData = unknown> {
	/** UUID v4, unique per event; also the dedupe key on buses that support it. */
	readonly id: string;
	/** The topic. */
	readonly type: IntegrationsTopic;
	/** An absolute URI. @default 'urn:cortex:integrations' */
	readonly source: string;
	readonly specversion: '1.0';
	/** ISO 8601 UTC time the event was offered. */
	readonly time: string;
	readonly datacontenttype: 'application/json';
	/** URL of the versioned contract, see {@link dataSchemaUrl}. */
	readonly dataschema: string;
	readonly subject?: string;
	readonly correlationId?: string;
	readonly causationId?: string;
	/** A2A time to live. @default 60000 */
	readonly ttlMs: number;
	/** Always holds `brainwav-brand: brAInwav`. */
	readonly headers: Readonly<Record<string, string>>;
	/** W3C trace context of the span active when the event was offered. */
	readonly traceparent?: string;
	readonly tracestate?: string;
	/** The validated payload (unknown keys stripped). */
	readonly data: TData;
}

/**
 * Non-enumerable key under which an envelope may carry the canonical JSON of its `data` (set when a
 * worker validated a raw body), so that a bus that sends bytes can skip `JSON.stringify(data)`.
 */
export const ENVELOPE_DATA_JSON: unique symbol = Symbol.for('@cortex-os/integrations.dataJson');

/**
 * Non-enumerable key under which an envelope may carry the same JSON as UTF-8 bytes (set when a
 * worker validated a raw body), so that a bus that sends bytes sends them as they are: no
 * `JSON.stringify`, no encoding. Read-only: the bytes are shared with the publisher.
 */
export const ENVELOPE_DATA_BYTES: unique symbol = Symbol.for('@cortex-os/integrations.dataBytes');

// Publishes batches to a Cortex-OS A2A transport or bus.
import pLimit from 'p-limit';
import {
	checkObject,
	errorMessage,
	expectedGot,
	failOption,
	InvalidOptionError,
	positiveInteger,
} from '../../common/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import type { BusAdapter, PublishBatchResult } from '../bus-adapter.js';
import { BusClosedError, BusPublishError, BusTimeoutError } from '../bus-errors.js';
import { settleEach } from '../settle-each.js';
import { within } from '../within.js';
import { type A2AEnvelope, toA2AEnvelope } from './a2a-envelope.js';

/** The Cortex-OS A2A `Transport` shape (`@cortex-os/a2a-core/transport`); only `publish` is used. */
export interface A2ATransport {
	publish(envelope: A2AEnvelope): Promise<void>;
	subscribe?(
		types: string[],
		onMessage: (envelope: A2AEnvelope) => Promise<void>,
	): Promise<() => Promise<void>>;
	terminate?(): Promise<void>;
	pid?: number;
}

/** A single-envelope publish function, e.g. an A2A bus's `publish` (`createBus(...).publish`). */
export type A2APublishFn = (envelope: A2AEnvelope) => Promise<void> | void;

/** Options of {@link createA2ABusAdapter}. Give exactly one of `transport` and `publish`. */
export interface A2ABusAdapterOptions {
	/** A Cortex-OS `Transport` (e.g. `inproc()`, `stdio(...)`); envelopes go to `transport.publish`. */
	transport?: A2ATransport;
	/** Or a publish function, e.g. `(e) => bus.publish(e)` to go through A2A ACLs and validation. */
	publish?: A2APublishFn;
	/** Publishes in flight at once, across all batches of this adapter. @default 64 */
	maxConcurrentPublishes?: number;
	/** Overrides every envelope's `ttlMs` (positive integer, milliseconds). @default the envelope's own */
	ttlMillis?: number;
	/** A publish not settled after this long is reported failed (`ERR_BUS_TIMEOUT`). @default 30000 */
	publishTimeoutMillis?: number;
	/** Call `transport.terminate()` from `close()` (only when this adapter owns the transport). @default false */
	terminateTransportOnClose?: boolean;
}

interface ResolvedA2AOptions {
	readonly publish: (envelope: A2AEnvelope) => Promise<void> | void;
	readonly maxConcurrentPublishes: number;
	readonly ttlMillis: number | undefined;
	readonly publishTimeoutMillis: number;
	readonly terminate: (() => Promise<void>) | undefined;
}

/** Defaults of {@link A2ABusAdapterOptions}, applied by `resolveA2AOptions` only. */
export const A2A_BUS_DEFAULTS = Object.freeze({
	maxConcurrentPublishes: 64,
	publishTimeoutMillis: 30_000,
	terminateTransportOnClose: false,
});

function resolvePublish(options: A2ABusAdapterOptions): ResolvedA2AOptions['publish'] {
	const { transport, publish } = options;
	if ((transport === undefined) === (publish === undefined)) {
		const got = transport === undefined ? 'neither' : 'both';
		throw new InvalidOptionError(
			'transport',
			expectedGot('exactly one of `transport` and `publish`', got),
		);
	}
	if (publish !== undefined) {
		if (typeof publish !== 'function') failOption('publish', 'a function', publish);
		return publish;
	}
	if (typeof transport?.publish !== 'function') {
		failOption('transport', 'an A2A transport with publish()', transport);
	}
	return (envelope) => transport.publish(envelope);
}

function resolveA2AOptions(options: A2ABusAdapterOptions): ResolvedA2AOptions {
	checkObject('options', options);
	const d = A2A_BUS_DEFAULTS;
	const { transport, terminateTransportOnClose = d.terminateTransportOnClose } = options;
	return {
		publish: resolvePublish(options),
		maxConcurrentPublishes: positiveInteger(
			'maxConcurrentPublishes',
			options.maxConcurrentPublishes,
			d.maxConcurrentPublishes,
		),
		ttlMillis: positiveInteger('ttlMillis', options.ttlMillis, undefined),
		publishTimeoutMillis: positiveInteger(
			'publishTimeoutMillis',
			options.publishTimeoutMillis,
			d.publishTimeoutMillis,
		),
		terminate:
			terminateTransportOnClose && transport?.terminate ? () => transport.terminate!() : undefined,
	};
}

function createPublishOne(resolved: ResolvedA2AOptions) {
	return async (envelope: IntegrationsEnvelope): Promise<void> => {
		const a2a = toA2AEnvelope(envelope, resolved.ttlMillis);
		try {
			const { publishTimeoutMillis } = resolved;
			await within(
				Promise.resolve(resolved.publish(a2a)),
				publishTimeoutMillis,
				() => new BusTimeoutError('A2A publish', publishTimeoutMillis),
			);
		} catch (error) {
			if (error instanceof BusTimeoutError) throw error;
			throw new BusPublishError(`A2A publish failed: ${errorMessage(error)}`, { cause: error });
		}
	};
}

/**
 * A {@link BusAdapter} over a Cortex-OS A2A transport or bus `publish`. Each envelope becomes a fresh
 * A2A `Envelope` (checked against the A2A rules; a violation fails that item with
 * `ERR_INVALID_ENVELOPE`), published with at most `maxConcurrentPublishes` in flight; items whose
 * publish rejects or times out are reported in `failed`, so the publisher retries only those.
 */
export function createA2ABusAdapter(options: A2ABusAdapterOptions): BusAdapter {
	const resolved = resolveA2AOptions(options);
	const limit = pLimit(resolved.maxConcurrentPublishes);
	const publishOne = createPublishOne(resolved);
	let closing: Promise<void> | undefined;
	const inFlight = new Set<Promise<PublishBatchResult>>();

	async function close(): Promise<void> {
		await Promise.allSettled([...inFlight]);
		await resolved.terminate?.();
	}

	return {
		publishBatch(envelopes) {
			if (closing) return Promise.reject(new BusClosedError('the A2A bus adapter'));
			const batch = settleEach(envelopes, (envelope) => limit(publishOne, envelope));
			inFlight.add(batch);
			return batch.finally(() => inFlight.delete(batch));
		},
		close() {
			closing ??= close();
			return closing;
		},
	};
}

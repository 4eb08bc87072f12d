import type { NatsConnection } from '@nats-io/transport-node';
import type { IntegrationsEnvelope } from '../../events/index.js';
import { createLogFn } from '../../telemetry/index.js';
import type { BusAdapter, PublishBatchResult } from '../bus-adapter.js';
import { BusClosedError } from '../bus-errors.js';
import { encodeBinary, encodeStructured, natsSubject, structuredHeaders } from './codec/index.js';
import {
	NATS_BATCHING_DEFAULTS,
	type NatsBusAdapterOptions,
	type ResolvedNatsBusOptions,
	resolveNatsBusOptions,
} from './nats-bus-options.js';
import { createNatsLink } from './nats-link.js';
import { createCorePublish, createJetStreamPublish, type EncodeFn } from './publish/index.js';

/** A {@link BusAdapter} publishing to NATS; see {@link createNatsBusAdapter}. */
export interface NatsBusAdapter extends BusAdapter {
	/** The connection in use (opening it first when the adapter owns it). */
	connection(): Promise<NatsConnection>;
	/** Waits for batches in flight, then drains the connection if the adapter opened it. Idempotent. */
	close(): Promise<void>;
}

function createEncode(resolved: ResolvedNatsBusOptions): EncodeFn {
	const subjects = new Map<string, string>();
	const subjectOf = (topic: string): string => {
		let subject = subjects.get(topic);
		if (subject === undefined) {
			subject = natsSubject(resolved.subjectPrefix, topic);
			subjects.set(topic, subject);
		}
		return subject;
	};
	if (resolved.encoding === 'binary')
		return (envelope) => encodeBinary(envelope, subjectOf(envelope.type));
	// Core NATS never alters the headers it sends: one shared `content-type` header set will do.
	const shared = resolved.jetstream ? undefined : structuredHeaders(true);
	return (envelope) =>
		encodeStructured(envelope, subjectOf(envelope.type), shared ?? structuredHeaders());
}

/**
 * Publishes batches to NATS, subject `[<subjectPrefix>.]<topic>`. Core mode sends a whole batch in
 * one burst and confirms it with one `flush()`; JetStream mode pipelines its publishes and matches
 * each ack through one reply inbox, with the event id as `Nats-Msg-Id` (server-side dedupe of
 * retries), and reports failed indexes. It suggests its batching (`batchingDefaults`). While the
 * connection is down, batches are rejected at once (`ERR_BUS_DISCONNECTED`) and acks in flight fail,
 * so the publisher retries them after the reconnect.
 */
export function createNatsBusAdapter(options: NatsBusAdapterOptions): NatsBusAdapter {
	const resolved = resolveNatsBusOptions(options);
	const link = createNatsLink(resolved, createLogFn(resolved.logger));
	const encode = createEncode(resolved);
	const mode = resolved.jetstream
		? createJetStreamPublish(encode, resolved.jetstream)
		: createCorePublish(encode, resolved.flushTimeoutMillis);
	const inFlight = new Set<Promise<unknown>>();
	let closing: Promise<void> | undefined;

	return {
		batchingDefaults: resolved.jetstream
			? NATS_BATCHING_DEFAULTS.jetstream
			: NATS_BATCHING_DEFAULTS.core,
		publishBatch(envelopes: readonly IntegrationsEnvelope[]): Promise<PublishBatchResult> {
			if (closing) return Promise.reject(new BusClosedError('the NATS bus adapter'));
			const batch = link.get().then((state) => mode.publish(state, envelopes));
			const settled: Promise<unknown> = batch.then(
				() => inFlight.delete(settled),
				() => inFlight.delete(settled),
			);
			inFlight.add(settled);
			return batch;
		},
		connection: () => link.get().then((state) => state.nc),
		close() {
			closing ??= Promise.allSettled([...inFlight]).then(() => {
				mode.close();
				return link.close();
			});
			return closing;
		},
	};
}

import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import type { IntegrationsEnvelope } from '../../../events/index.js';
import type { BusItemFailure, PublishBatchResult } from '../../bus-adapter.js';
import { BusClosedError, BusDisconnectedError } from '../../bus-errors.js';
import type { ResolvedJetStream } from '../nats-bus-options.js';
import type { LinkState } from '../nats-link.js';
import { type AckInbox, openAckInbox } from './ack-inbox.js';
import { assertOpen, type EncodeFn, type PublishMode } from './core-publish.js';
import { toBusError } from './nats-publish-error.js';
import { readPubAck } from './pub-ack.js';

/** One batch being published: its items are sent as slots free up and settle as acks arrive. */
interface BatchRun {
	readonly envelopes: readonly IntegrationsEnvelope[];
	readonly subjects: string[];
	next: number;
	awaiting: number;
	failed: BusItemFailure[] | undefined;
	readonly resolve: (result: PublishBatchResult) => void;
}

/** What a JetStream adapter keeps per connection: the inbox of its acks and the batches sending. */
interface AckPipeline {
	readonly state: LinkState;
	readonly inbox: AckInbox<BatchRun>;
	readonly sending: BatchRun[];
	inFlight: number;
}

function addHeaders(headers: MsgHdrs, id: string, stream: string | undefined): void {
	headers.set('Nats-Msg-Id', id);
	if (stream !== undefined) headers.set('Nats-Expected-Stream', stream);
}

function fail(run: BatchRun, index: number, error: unknown): void {
	run.failed ??= [];
	run.failed.push({ index, error: toBusError(error, 'JetStream ack', 0) });
}

function finishIfDone(run: BatchRun): void {
	if (run.next < run.envelopes.length || run.awaiting > 0) return;
	const failed = run.failed?.sort((a, b) => a.index - b.index);
	run.resolve(failed ? { failed } : undefined);
}

/**
 * JetStream: every message is published with a reply subject of the adapter's ack inbox and the
 * event id as `Nats-Msg-Id`, so a retry of an item whose ack was lost is dropped by the server as a
 * duplicate. Publishes are pipelined (no request, promise or timer per message); at most
 * `maxAcksInFlight` acks are awaited at once across batches. Items without a positive ack
 * (refused, timed out, connection lost) are reported failed by index.
 */
export function createJetStreamPublish(encode: EncodeFn, options: ResolvedJetStream): PublishMode {
	const pipelines = new Map<LinkState, AckPipeline>();

	function send(pipeline: AckPipeline, run: BatchRun, index: number): void {
		const { state, inbox } = pipeline;
		const envelope = run.envelopes[index] as IntegrationsEnvelope;
		if (!state.watch.connected) {
			fail(run, index, new BusDisconnectedError('NATS connection is down; not sent'));
			return;
		}
		let reply: string | undefined;
		try {
			const message = encode(envelope);
			addHeaders(message.headers, envelope.id, options.stream);
			run.subjects[index] = message.subject;
			reply = inbox.expect(run, index);
			state.nc.publish(message.subject, message.payload, { headers: message.headers, reply });
		} catch (error) {
			if (reply !== undefined) inbox.forget(reply);
			fail(run, index, error);
			return;
		}
		run.awaiting++;
		pipeline.inFlight++;
	}

	function pump(pipeline: AckPipeline): void {
		const { sending } = pipeline;
		while (sending.length > 0 && pipeline.inFlight < options.maxAcksInFlight) {
			const run = sending[0] as BatchRun;
			if (run.next < run.envelopes.length) {
				send(pipeline, run, run.next++);
				continue;
			}
			sending.shift();
			finishIfDone(run);
		}
	}

	function open(state: LinkState): AckPipeline {
		const settle = (run: BatchRun, index: number, reply: Msg | Error) => {
			pipeline.inFlight--;
			run.awaiting--;
			const error = reply instanceof Error ? reply : readPubAck(reply, run.subjects[index] ?? '');
			if (error !== undefined) fail(run, index, error);
			finishIfDone(run);
			pump(pipeline);
		};
		const inbox = openAckInbox(state.nc, options.ackTimeoutMillis, settle);
		const pipeline: AckPipeline = { state, inbox, sending: [], inFlight: 0 };
		state.watch.onDrop((error) => inbox.failAll(error));
		return pipeline;
	}

	return {
		publish(state: LinkState, envelopes: readonly IntegrationsEnvelope[]) {
			assertOpen(state);
			if (envelopes.length === 0) return Promise.resolve(undefined);
			let pipeline = pipelines.get(state);
			if (pipeline === undefined) {
				pipeline = open(state);
				pipelines.set(state, pipeline);
			}
			const current = pipeline;
			return new Promise<PublishBatchResult>((resolve) => {
				const subjects = new Array<string>(envelopes.length);
				current.sending.push({
					envelopes,
					subjects,
					next: 0,
					awaiting: 0,
					failed: undefined,
					resolve,
				});
				pump(current);
			});
		},
		/** Unsubscribes the ack inboxes; acks still awaited fail with `ERR_BUS_CLOSED`. */
		close() {
			for (const pipeline of pipelines.values()) {
				pipeline.inbox.close(new BusClosedError('the NATS bus adapter'));
			}
			pipelines.clear();
		},
	};
}

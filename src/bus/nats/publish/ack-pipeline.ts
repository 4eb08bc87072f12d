import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import type { IntegrationsEnvelope } from '../../../events/index.js';
import type { BusItemFailure, PublishBatchResult } from '../../bus-adapter.js';
import { BusDisconnectedError } from '../../bus-errors.js';
import type { ResolvedJetStream } from '../nats-bus-options.js';
import type { LinkState } from '../nats-link.js';
import { type AckInbox, openAckInbox } from './ack-inbox.js';
import type { EncodeFn } from './core-publish.js';
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
 * What a JetStream adapter keeps per connection: the inbox of its acks and the batches sending.
 * Items are sent in batch order while fewer than `maxAcksInFlight` acks are awaited.
 */
export class AckPipeline {
	readonly #state: LinkState;
	readonly #encode: EncodeFn;
	readonly #options: ResolvedJetStream;
	readonly #inbox: AckInbox<BatchRun>;
	readonly #sending: BatchRun[] = [];
	#inFlight = 0;

	/** Subscribes the ack inbox on `state.nc`; a drop of the connection fails the awaited acks. */
	constructor(state: LinkState, encode: EncodeFn, options: ResolvedJetStream) {
		this.#state = state;
		this.#encode = encode;
		this.#options = options;
		const inbox = openAckInbox(state.nc, options.ackTimeoutMillis, this.#settle);
		this.#inbox = inbox;
		state.watch.onDrop((error) => inbox.failAll(error));
	}

	/** Queues a non-empty batch; settles with the items that got no positive ack. */
	publish(envelopes: readonly IntegrationsEnvelope[]): Promise<PublishBatchResult> {
		return new Promise<PublishBatchResult>((resolve) => {
			const subjects = new Array<string>(envelopes.length);
			this.#sending.push({
				envelopes,
				subjects,
				next: 0,
				awaiting: 0,
				failed: undefined,
				resolve,
			});
			this.#pump();
		});
	}

	/** Unsubscribes the ack inbox; acks still awaited fail with `error`. */
	close(error: Error): void {
		this.#inbox.close(error);
	}

	#send(run: BatchRun, index: number): void {
		const state = this.#state;
		const inbox = this.#inbox;
		const envelope = run.envelopes[index] as IntegrationsEnvelope;
		if (!state.watch.connected) {
			fail(run, index, new BusDisconnectedError('NATS connection is down; not sent'));
			return;
		}
		let reply: string | undefined;
		try {
			const message = this.#encode(envelope);
			addHeaders(message.headers, envelope.id, this.#options.stream);
			run.subjects[index] = message.subject;
			reply = inbox.expect(run, index);
			state.nc.publish(message.subject, message.payload, { headers: message.headers, reply });
		} catch (error) {
			if (reply !== undefined) inbox.forget(reply);
			fail(run, index, error);
			return;
		}
		run.awaiting++;
		this.#inFlight++;
	}

	#pump(): void {
		const sending = this.#sending;
		while (sending.length > 0 && this.#inFlight < this.#options.maxAcksInFlight) {
			const run = sending[0] as BatchRun;
			if (run.next < run.envelopes.length) {
				this.#send(run, run.next++);
				continue;
			}
			sending.shift();
			finishIfDone(run);
		}
	}

	readonly #settle = (run: BatchRun, index: number, reply: Msg | Error): void => {
		this.#inFlight--;
		run.awaiting--;
		const error = reply instanceof Error ? reply : readPubAck(reply, run.subjects[index] ?? '');
		if (error !== undefined) fail(run, index, error);
		finishIfDone(run);
		this.#pump();
	};
}

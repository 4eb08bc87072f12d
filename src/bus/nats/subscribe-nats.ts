import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { errorMessage, failOption } from '../../common/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import { createLogFn, type IntegrationsLogger, type LogFn } from '../../telemetry/index.js';
import type { InvalidMessageError } from '../bus-errors.js';
import { decodeNatsMessage, natsSubject } from './codec/index.js';

/** Options of {@link subscribeNats}. */
export interface SubscribeNatsOptions {
	/** Subject to subscribe to (wildcards allowed). @default '[<subjectPrefix>.]integrations.>' */
	subject?: string;
	/** The publisher's `subjectPrefix`, used for the default `subject`. @default '' */
	subjectPrefix?: string;
	/** Queue group: each message goes to one member of the group. @default none */
	queue?: string;
	/**
	 * Called for each envelope, in order, one at a time (the next waits for the returned promise).
	 * With it, the helper consumes the messages itself and the result is not iterable.
	 */
	onEnvelope?: (envelope: IntegrationsEnvelope) => void | Promise<void>;
	/** Called for each rejected message; it never reaches the loop. @default logs a warning */
	onInvalid?: (error: InvalidMessageError, message: Msg) => void;
	/** Rejected messages and `onEnvelope` failures are logged here. @default silent */
	logger?: IntegrationsLogger;
}

/** Envelopes received on a subject, validated; iterate with `for await` (unless `onEnvelope`). */
export interface NatsEnvelopeSubscription extends AsyncIterable<IntegrationsEnvelope> {
	readonly subject: string;
	/** Messages received so far, valid or not. */
	readonly received: number;
	/** Messages rejected so far (reported to `onInvalid`). */
	readonly invalid: number;
	/** Resolves when the subscription has ended (with `onEnvelope`: and every envelope was handled). */
	readonly closed: Promise<void>;
	/** Stops after the messages already received are handled. */
	drain(): Promise<void>;
	/** Stops now; messages not yet handed over are dropped. */
	unsubscribe(): void;
}

function resolveSubject(options: SubscribeNatsOptions): string {
	const subject = options.subject ?? natsSubject(options.subjectPrefix ?? '', 'integrations.>');
	if (typeof subject !== 'string' || subject.length === 0 || /\s/.test(subject)) {
		failOption('subject', 'a NATS subject', subject);
	}
	return subject;
}

function createReporter(options: SubscribeNatsOptions, log: LogFn) {
	const onInvalid =
		options.onInvalid ??
		((error: InvalidMessageError) =>
			log('warn', 'rejected an invalid NATS message', {
				code: error.code,
				reason: error.reason,
				subject: error.subject,
				error: error.message,
			}));
	return (error: InvalidMessageError, message: Msg): void => {
		try {
			onInvalid(error, message);
		} catch (callbackError) {
			log('error', 'onInvalid threw', { error: errorMessage(callbackError) });
		}
	};
}

async function* validEnvelopes(
	sub: Subscription,
	report: (error: InvalidMessageError, message: Msg) => void,
	counts: { invalid: number },
): AsyncGenerator<IntegrationsEnvelope> {
	for await (const message of sub) {
		const result = decodeNatsMessage(message);
		if (result.ok) yield result.envelope;
		else {
			counts.invalid++;
			report(result.error, message);
		}
	}
}

async function runHandler(
	envelopes: AsyncIterable<IntegrationsEnvelope>,
	onEnvelope: NonNullable<SubscribeNatsOptions['onEnvelope']>,
	log: LogFn,
): Promise<void> {
	for await (const envelope of envelopes) {
		try {
			await onEnvelope(envelope);
		} catch (error) {
			log('error', 'onEnvelope failed', {
				id: envelope.id,
				type: envelope.type,
				error: errorMessage(error),
			});
		}
	}
}

/**
 * Consumes integrations events from core NATS (either content mode), so a second process can use
 * them: each message is decoded and checked (attributes, topic, payload schema). A malformed message
 * is reported to `onInvalid` with an `ERR_INVALID_MESSAGE` error saying why, and skipped.
 */
export function subscribeNats(
	nc: NatsConnection,
	options: SubscribeNatsOptions = {},
): NatsEnvelopeSubscription {
	const subject = resolveSubject(options);
	const log = createLogFn(options.logger);
	const sub = nc.subscribe(subject, options.queue ? { queue: options.queue } : {});
	const counts = { invalid: 0 };
	const envelopes = validEnvelopes(sub, createReporter(options, log), counts);
	const handled = options.onEnvelope ? runHandler(envelopes, options.onEnvelope, log) : undefined;
	return {
		subject,
		get received() {
			return sub.getReceived();
		},
		get invalid() {
			return counts.invalid;
		},
		closed: (handled ?? sub.closed).then(() => {}),
		drain: () => sub.drain(),
		unsubscribe: () => sub.unsubscribe(),
		[Symbol.asyncIterator]() {
			if (handled)
				throw new TypeError('subscribeNats: iterating is not possible with `onEnvelope`');
			return envelopes;
		},
	};
}

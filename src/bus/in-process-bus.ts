import { failOption } from '../common/index.js';
import type { IntegrationsEnvelope } from '../events/index.js';
import { type IntegrationsTopic, isIntegrationsTopic } from '../events/index.js';
import type { BusAdapter } from './bus-adapter.js';
import { BusClosedError } from './bus-errors.js';

/** A subscriber. A throw or a rejection is isolated: reported to `onError`, never to others. */
export type InProcessHandler = (envelope: IntegrationsEnvelope) => void | Promise<void>;

/** Options of {@link createInProcessBus}. */
export interface InProcessBusOptions {
	/** Receives what a handler threw or rejected with. @default ignore */
	onError?: (error: unknown, envelope: IntegrationsEnvelope) => void;
}

/** The embedded bus: delivers every envelope synchronously to each matching subscriber once. */
export interface InProcessBus extends BusAdapter {
	/** Subscribes to one topic or to all (`'*'`); returns the unsubscribe function. */
	subscribe(topic: IntegrationsTopic | '*', handler: InProcessHandler): () => void;
	publishBatch(envelopes: readonly IntegrationsEnvelope[]): Promise<void>;
	/** Delivers before it returns (what `publishBatch` does too); throws `ERR_BUS_CLOSED` once closed. */
	publishBatchSync(envelopes: readonly IntegrationsEnvelope[]): void;
	/** Drops every subscriber; later `publishBatch` calls reject with `ERR_BUS_CLOSED`. */
	close(): Promise<void>;
	readonly closed: boolean;
}

type Report = (error: unknown, envelope: IntegrationsEnvelope) => void;

const RESOLVED: Promise<void> = Promise.resolve();
const EMPTY: readonly InProcessHandler[] = Object.freeze([]);
const ignore = (): void => {};

/** Creates the in-process bus, the publisher's default. */
export function createInProcessBus(options: InProcessBusOptions = {}): InProcessBus {
	const report = createReport(options.onError ?? ignore);
	const handlers = createHandlerRegistry();
	let closed = false;
	const publishBatchSync = (envelopes: readonly IntegrationsEnvelope[]): void => {
		if (closed) throw new BusClosedError('the in-process bus');
		for (let i = 0; i < envelopes.length; i++) {
			const envelope = envelopes[i] as IntegrationsEnvelope;
			deliver(handlers.of(envelope.type), envelope, report);
			const wildcard = handlers.of('*');
			if (wildcard.length > 0) deliver(wildcard, envelope, report);
		}
	};
	return {
		subscribe: handlers.subscribe,
		publishBatchSync,
		publishBatch(envelopes) {
			try {
				publishBatchSync(envelopes);
			} catch (error) {
				return Promise.reject(error);
			}
			return RESOLVED;
		},
		close() {
			closed = true;
			handlers.clear();
			return RESOLVED;
		},
		get closed() {
			return closed;
		},
	};
}

/** `onError`, checked and wrapped so that a reporter that throws breaks nothing. */
function createReport(onError: NonNullable<InProcessBusOptions['onError']>): Report {
	if (typeof onError !== 'function') failOption('onError', 'a function', onError);
	return (error, envelope) => {
		try {
			onError(error, envelope);
		} catch {
			// An error reporter that throws must not break delivery.
		}
	};
}

function deliver(
	handlers: readonly InProcessHandler[],
	envelope: IntegrationsEnvelope,
	report: Report,
): void {
	for (let i = 0; i < handlers.length; i++) {
		try {
			const result = (handlers[i] as InProcessHandler)(envelope);
			if (result != null && typeof result.then === 'function') {
				result.then(undefined, (error: unknown) => report(error, envelope));
			}
		} catch (error) {
			report(error, envelope);
		}
	}
}

/**
 * Subscribers per topic (and `'*'`), as copy-on-write lists: a handler may (un)subscribe during
 * delivery without disturbing it; the change applies from the next envelope.
 */
function createHandlerRegistry() {
	const byTopic = new Map<string, readonly InProcessHandler[]>();
	const of = (topic: string): readonly InProcessHandler[] => byTopic.get(topic) ?? EMPTY;
	return {
		of,
		subscribe(topic: IntegrationsTopic | '*', handler: InProcessHandler): () => void {
			checkSubscription(topic, handler);
			byTopic.set(topic, [...of(topic), handler]);
			let subscribed = true;
			return () => {
				if (!subscribed) return;
				subscribed = false;
				const list = of(topic);
				const index = list.indexOf(handler);
				if (index >= 0) byTopic.set(topic, [...list.slice(0, index), ...list.slice(index + 1)]);
			};
		},
		clear(): void {
			byTopic.clear();
		},
	};
}

function checkSubscription(topic: unknown, handler: unknown): void {
	if (topic !== '*' && !isIntegrationsTopic(topic)) failOption('topic', "a topic or '*'", topic);
	if (typeof handler !== 'function') failOption('handler', 'a function', handler);
}

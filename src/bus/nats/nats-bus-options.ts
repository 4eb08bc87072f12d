import type { NatsConnection, NodeConnectionOptions } from '@nats-io/transport-node';
import {
	checkObject,
	expectedGot,
	failOption,
	InvalidOptionError,
	oneOf,
	positiveInteger,
} from '../../common/index.js';
import { type IntegrationsLogger, silentLogger } from '../../telemetry/index.js';
import type { NatsEncoding } from './codec/index.js';

/** JetStream mode of {@link NatsBusAdapterOptions}: persisted, acknowledged, deduplicated publishes. */
export interface NatsJetStreamOptions {
	/**
	 * The stream the messages must land in (sent as `Nats-Expected-Stream`; the server refuses a
	 * message whose subject belongs to another stream). @default undefined (any stream)
	 */
	stream?: string;
	/** Publishes awaiting their ack at once, across all batches of the adapter. @default 256 */
	maxAcksInFlight?: number;
	/** An ack not received after this long fails the item (`ERR_BUS_TIMEOUT`). @default 5000 */
	ackTimeoutMillis?: number;
}

/** Options of `createNatsBusAdapter`. Give exactly one of `connection` and `servers`. */
export interface NatsBusAdapterOptions {
	/** An open connection, owned by the caller: `close()` leaves it open. */
	connection?: NatsConnection;
	/** Or server URL(s) to connect to; the adapter owns that connection and drains it on `close()`. */
	servers?: string | string[];
	/**
	 * Options of the owned connection (`@nats-io/transport-node` `connect`).
	 * @default { maxReconnectAttempts: -1, noAsyncTraces: true } (reconnect forever; no stack trace
	 * captured per nats.js request, e.g. by `ensureIntegrationsStream`)
	 */
	connectionOptions?: Omit<NodeConnectionOptions, 'servers'>;
	/** Subjects are `<subjectPrefix>.<topic>` (e.g. `cortex` as Cortex-OS's NATS transport). @default '' (the topic) */
	subjectPrefix?: string;
	/** CloudEvents NATS content mode. @default 'structured' */
	encoding?: NatsEncoding;
	/** Publish through JetStream (acks, `Nats-Msg-Id` = event id); `true` for the defaults. @default false (core NATS) */
	jetstream?: boolean | NatsJetStreamOptions;
	/** Core NATS: the `flush()` confirming a batch fails the batch after this long. @default 5000 */
	flushTimeoutMillis?: number;
	/** Connection status changes (disconnect, reconnect, errors) are logged here. @default silent */
	logger?: IntegrationsLogger;
}

/**
 * What the adapter tells the publisher about batching (`BusAdapter.batchingDefaults`): a NATS
 * round trip (core `flush()`, JetStream acks) costs far more than an in-process call, so larger
 * batches with several in flight. Chosen by a sweep on a local server (2 cores, Node 20): core
 * NATS 25 × 1 (the publisher's own defaults) ~100k events/s, 512 × 4 ~215k, 1,024 × 4 ~270k (the
 * best of 256–2,048 × 2–4); JetStream is bound by the server's storage from 256 × 4 on (~50–60k
 * whatever the batch or acks in flight), against ~28k at 25 × 1.
 */
export const NATS_BATCHING_DEFAULTS = Object.freeze({
	core: Object.freeze({ maxBatchSize: 1_024, maxConcurrentFlushes: 4 }),
	jetstream: Object.freeze({ maxBatchSize: 256, maxConcurrentFlushes: 4 }),
});

export interface ResolvedJetStream {
	readonly stream: string | undefined;
	readonly maxAcksInFlight: number;
	readonly ackTimeoutMillis: number;
}

export interface ResolvedNatsBusOptions {
	readonly connection: NatsConnection | undefined;
	readonly connectOptions: NodeConnectionOptions;
	readonly subjectPrefix: string;
	readonly encoding: NatsEncoding;
	readonly jetstream: ResolvedJetStream | undefined;
	readonly flushTimeoutMillis: number;
	readonly logger: IntegrationsLogger;
}

/** Defaults of {@link NatsBusAdapterOptions}, applied by `resolveNatsBusOptions` only. */
export const NATS_BUS_DEFAULTS = Object.freeze({
	connectionOptions: Object.freeze({ maxReconnectAttempts: -1, noAsyncTraces: true }),
	subjectPrefix: '',
	encoding: 'structured' as NatsEncoding,
	jetstream: Object.freeze({ maxAcksInFlight: 256, ackTimeoutMillis: 5_000 }),
	flushTimeoutMillis: 5_000,
});

const SUBJECT_PREFIX = /^[^\s.*>]+(?:\.[^\s.*>]+)*$/;
const ENCODINGS: readonly NatsEncoding[] = ['binary', 'structured'];

function optionalName(option: string, value: unknown): string | undefined {
	if (value === undefined || (typeof value === 'string' && /^[^\s.*>]+$/.test(value))) return value;
	return failOption(option, "a name without spaces, '.', '*' or '>'", value);
}

function resolveJetStream(
	value: NatsBusAdapterOptions['jetstream'],
): ResolvedJetStream | undefined {
	if (value === undefined || value === false) return undefined;
	if (value !== true && (typeof value !== 'object' || value === null)) {
		failOption('jetstream', 'a boolean or an object', value);
	}
	const js: NatsJetStreamOptions = value === true ? {} : value;
	const d = NATS_BUS_DEFAULTS.jetstream;
	return {
		stream: optionalName('jetstream.stream', js.stream),
		maxAcksInFlight: positiveInteger(
			'jetstream.maxAcksInFlight',
			js.maxAcksInFlight,
			d.maxAcksInFlight,
		),
		ackTimeoutMillis: positiveInteger(
			'jetstream.ackTimeoutMillis',
			js.ackTimeoutMillis,
			d.ackTimeoutMillis,
		),
	};
}

function resolveSource(options: NatsBusAdapterOptions) {
	const { connection, servers } = options;
	if ((connection === undefined) === (servers === undefined)) {
		const got = connection === undefined ? 'neither' : 'both';
		throw new InvalidOptionError(
			'connection',
			expectedGot('exactly one of `connection` and `servers`', got),
		);
	}
	if (connection !== undefined && typeof connection?.publish !== 'function') {
		failOption('connection', 'a NatsConnection', connection);
	}
	const list = typeof servers === 'string' ? [servers] : servers;
	if (
		list !== undefined &&
		(!Array.isArray(list) || list.length === 0 || list.some((s) => typeof s !== 'string'))
	) {
		failOption('servers', 'a URL or a non-empty array of URLs', servers);
	}
	const connectOptions = {
		...NATS_BUS_DEFAULTS.connectionOptions,
		...options.connectionOptions,
		servers: list,
	};
	return { connection, connectOptions };
}

function resolvePrefix(value: unknown): string {
	if (value === undefined || value === '') return NATS_BUS_DEFAULTS.subjectPrefix;
	if (typeof value === 'string' && SUBJECT_PREFIX.test(value)) return value;
	return failOption('subjectPrefix', 'NATS subject tokens without wildcards', value);
}

/** Applies the defaults once and validates every option eagerly. */
export function resolveNatsBusOptions(options: NatsBusAdapterOptions): ResolvedNatsBusOptions {
	checkObject('options', options);
	const d = NATS_BUS_DEFAULTS;
	return {
		...resolveSource(options),
		subjectPrefix: resolvePrefix(options.subjectPrefix),
		encoding: oneOf('encoding', options.encoding, d.encoding, ENCODINGS),
		jetstream: resolveJetStream(options.jetstream),
		flushTimeoutMillis: positiveInteger(
			'flushTimeoutMillis',
			options.flushTimeoutMillis,
			d.flushTimeoutMillis,
		),
		logger: options.logger ?? silentLogger,
	};
}

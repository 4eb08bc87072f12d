import type { BusAdapter } from '../bus/index.js';
import { createInProcessBus } from '../bus/index.js';
import { describeError } from '../common/index.js';
import {
	createEpisode,
	createPublisherMetrics,
	type LogFn,
	type PublisherMetrics,
} from '../telemetry/index.js';
import {
	createPublisherCounters,
	DROP_REASONS,
	EventAccounting,
	type PublisherCounters,
	processKeepAlive,
	SettleTracker,
} from './accounting/index.js';
import { BatchDispatcher } from './batch-dispatcher.js';
import { BusDelivery } from './delivery/index.js';
import { createEnvelopeFactory } from './envelope/index.js';
import type { ResolvedPublisherOptions } from './options/index.js';
import { PRIORITIES, TOPIC_SLOT_NAMES } from './pending-event.js';
import { BodyArena } from './queue/index.js';
import { SyncDispatcher } from './sync-dispatcher.js';
import {
	type BatchValidator,
	createBatchValidator,
	createWorkerValidator,
} from './validation/index.js';

/** Everything a publisher is made of, wired from resolved options. */
export interface PublisherParts {
	readonly bus: BusAdapter;
	readonly ownsBus: boolean;
	readonly counters: PublisherCounters;
	readonly tracker: SettleTracker;
	readonly accounting: EventAccounting;
	readonly metrics: PublisherMetrics;
	readonly validator: BatchValidator | undefined;
	/** Set in batching mode. */
	readonly batch: BatchDispatcher | undefined;
	/** Set in sync mode. */
	readonly sync: SyncDispatcher | undefined;
}

export function createPublisherParts(
	options: ResolvedPublisherOptions,
	log: LogFn,
): PublisherParts {
	const bus = options.bus ?? createDefaultBus(log);
	const counters = createPublisherCounters();
	const tracker = new SettleTracker(processKeepAlive);
	const accounting = new EventAccounting(counters, tracker, options, log);
	const delivery = new BusDelivery(bus, options.batching.flushTimeoutMillis);
	const envelopes = createEnvelopeFactory(options.source);
	let batch: BatchDispatcher | undefined;
	const metrics = createMetrics(options, counters, (priority) => batch?.queueDepth(priority) ?? 0);
	const common = {
		bus,
		ownsBus: options.bus === undefined,
		counters,
		tracker,
		accounting,
		metrics,
	};
	if (!options.batching.enabled) {
		const sync = new SyncDispatcher(bus, delivery, envelopes, accounting, metrics);
		return { ...common, validator: undefined, batch: undefined, sync };
	}
	const validator = createValidator(options, log);
	const batching = options.batching;
	batch = new BatchDispatcher({
		batching,
		delivery,
		validator,
		envelopes,
		accounting,
		metrics,
		log,
	});
	return { ...common, validator, batch, sync: undefined };
}

function createMetrics(
	options: ResolvedPublisherOptions,
	counters: PublisherCounters,
	queueDepth: (priority: number) => number,
): PublisherMetrics {
	const source = {
		topics: TOPIC_SLOT_NAMES,
		priorities: PRIORITIES,
		dropReasons: DROP_REASONS,
		...counters,
		queueDepth,
	};
	return createPublisherMetrics(source, {
		meterProvider: options.meterProvider,
		enabled: options.metrics,
	});
}

function createDefaultBus(log: LogFn): BusAdapter {
	const episode = createEpisode(log, 'warn', 'integrations in-process subscriber threw');
	return createInProcessBus({
		onError: (error, envelope) =>
			episode.start({ topic: envelope.type, error: describeError(error) }),
	});
}

function createValidator(options: ResolvedPublisherOptions, log: LogFn): BatchValidator {
	const bodies = new BodyArena();
	if (options.batching.validation === 'inline')
		return createBatchValidator(options.batching, undefined, bodies);
	const crashes = createEpisode(
		log,
		'warn',
		'integrations validation worker failed; validating again',
	);
	const workers = createWorkerValidator(options.batching.workers, bodies, {
		onFailure: (error, attempt) => crashes.start({ attempt, error: describeError(error.cause) }),
		onSuccess: () => {
			if (crashes.active) crashes.end();
		},
	});
	return createBatchValidator(options.batching, workers, bodies);
}

import type { StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { failOption, nonNegativeInteger } from '../../common/index.js';
import { natsSubject } from './codec/index.js';

/** Options of {@link ensureIntegrationsStream}. */
export interface IntegrationsStreamOptions {
	/** Stream name. @default 'INTEGRATIONS' */
	name?: string;
	/** The adapter's `subjectPrefix`: the stream captures `[<prefix>.]integrations.>`. @default '' */
	subjectPrefix?: string;
	/** Where the server stores messages. @default 'file' */
	storage?: 'file' | 'memory';
	/** How long the server remembers message ids to drop duplicates. @default 120000 (2 min) */
	duplicateWindowMillis?: number;
	/** Messages older than this are discarded; 0 keeps them. @default 0 */
	maxAgeMillis?: number;
	/** Copies kept in a cluster. @default 1 */
	replicas?: number;
}

/** What {@link ensureIntegrationsStream} found or did. */
export interface IntegrationsStreamInfo {
	readonly name: string;
	readonly subjects: readonly string[];
	/** `created` (new stream), `updated` (subject added to an existing one) or `unchanged`. */
	readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** Defaults of {@link IntegrationsStreamOptions}, applied by `ensureIntegrationsStream` only. */
export const INTEGRATIONS_STREAM_DEFAULTS = Object.freeze({
	name: 'INTEGRATIONS',
	subjectPrefix: '',
	storage: 'file' as 'file' | 'memory',
	duplicateWindowMillis: 120_000,
	maxAgeMillis: 0,
	replicas: 1,
});

const NANOS_PER_MILLI = 1_000_000;

function streamConfig(
	options: IntegrationsStreamOptions,
): Partial<StreamConfig> & { name: string; subjects: string[] } {
	const d = INTEGRATIONS_STREAM_DEFAULTS;
	const name = options.name ?? d.name;
	if (!/^[^\s.*>]+$/.test(name)) failOption('name', "a name without spaces, '.', '*' or '>'", name);
	const duplicateWindowMillis = nonNegativeInteger(
		'duplicateWindowMillis',
		options.duplicateWindowMillis,
		d.duplicateWindowMillis,
	);
	return {
		name,
		subjects: [natsSubject(options.subjectPrefix ?? d.subjectPrefix, 'integrations.>')],
		storage: options.storage === 'memory' ? 'memory' : d.storage,
		duplicate_window: duplicateWindowMillis * NANOS_PER_MILLI,
		max_age:
			nonNegativeInteger('maxAgeMillis', options.maxAgeMillis, d.maxAgeMillis) * NANOS_PER_MILLI,
		num_replicas: nonNegativeInteger('replicas', options.replicas, d.replicas) || d.replicas,
	};
}

/**
 * Makes sure a JetStream stream captures the integrations subjects (for tests, ops scripts and
 * first deploys): creates it when missing, adds the subject to it when absent, else leaves it alone.
 */
export async function ensureIntegrationsStream(
	nc: NatsConnection,
	options: IntegrationsStreamOptions = {},
): Promise<IntegrationsStreamInfo> {
	const config = streamConfig(options);
	const { jetstreamManager, JetStreamApiCodes, JetStreamApiError } = await import(
		'@nats-io/jetstream'
	);
	const jsm = await jetstreamManager(nc);
	const subject = config.subjects[0] as string;
	try {
		const info = await jsm.streams.info(config.name);
		if (info.config.subjects?.includes(subject)) {
			return { name: config.name, subjects: info.config.subjects, outcome: 'unchanged' };
		}
		const subjects = [...(info.config.subjects ?? []), subject];
		await jsm.streams.update(config.name, { subjects });
		return { name: config.name, subjects, outcome: 'updated' };
	} catch (error) {
		const missing =
			error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
		if (!missing) throw error;
	}
	const created = await jsm.streams.add(config);
	return { name: config.name, subjects: created.config.subjects ?? [], outcome: 'created' };
}

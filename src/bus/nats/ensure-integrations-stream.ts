import type { StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { describeValue, InvalidOptionError } from '../../common/index.js';
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

const NANOS_PER_MILLI = 1_000_000;

function nonNegative(option: string, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	throw new InvalidOptionError(
		option,
		`must be a non-negative integer, got ${describeValue(value)}`,
	);
}

function streamConfig(
	options: IntegrationsStreamOptions,
): Partial<StreamConfig> & { name: string; subjects: string[] } {
	const name = options.name ?? 'INTEGRATIONS';
	if (!/^[^\s.*>]+$/.test(name))
		throw new InvalidOptionError('name', `invalid stream name ${describeValue(name)}`);
	return {
		name,
		subjects: [natsSubject(options.subjectPrefix ?? '', 'integrations.>')],
		storage: options.storage === 'memory' ? 'memory' : 'file',
		duplicate_window:
			nonNegative('duplicateWindowMillis', options.duplicateWindowMillis, 120_000) *
			NANOS_PER_MILLI,
		max_age: nonNegative('maxAgeMillis', options.maxAgeMillis, 0) * NANOS_PER_MILLI,
		num_replicas: nonNegative('replicas', options.replicas, 1) || 1,
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

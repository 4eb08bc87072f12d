import type { NatsConnection } from '@nats-io/transport-node';
import {
	checkObject,
	failOption,
	InvalidOptionError,
	integerOption,
} from '../../../common/index.js';
import { createLogFn, type IntegrationsLogger } from '../../../telemetry/index.js';
import { createSecretBox, loadSecretKey, type SecretKeySource } from './secret-box.js';

/** Options of `createNatsKvIntegrationStore`. */
export interface NatsKvIntegrationStoreOptions {
	/**
	 * NATS server URL(s) (`nats://` or `tls://`; `nats://user:pass@host:port` authenticates) the store
	 * connects to, reconnecting forever. Ignored when `connection` is given.
	 * @default 'nats://127.0.0.1:4222'
	 */
	servers?: string | readonly string[];
	/** An open connection to use instead; `close()` leaves it open. @default none (the store connects to `servers`) */
	connection?: NatsConnection;
	/** The KV bucket every replica shares (created when missing). @default 'cortex_integrations' */
	bucket?: string;
	/** Copies of the bucket in a NATS cluster (1, 3 or 5), when the store creates it. @default 1 */
	replicas?: number;
	/**
	 * The AES-256-GCM key (32 bytes: bytes, base64 text, or `{ file }` holding 32 raw bytes or base64
	 * text) that seals every value written. Required: the store refuses to start without it.
	 */
	secretKey: SecretKeySource;
	/** Keys that still open values sealed before a rotation; they never seal. @default [] */
	previousSecretKeys?: readonly SecretKeySource[];
	/**
	 * Integrations the bucket may hold, all tenants and replicas together (checked against this
	 * replica's view, so replicas creating at once may pass it by a few). @default 100000
	 */
	maxIntegrations?: number;
	/** Deadline of connecting and of one KV request, in ms. @default 5000 */
	timeoutMillis?: number;
	/** Compare-and-set attempts of one status update before `ERR_STORE_CONFLICT`. @default 10 */
	maxUpdateAttempts?: number;
	/** pino-compatible logger. @default silent */
	logger?: IntegrationsLogger;
}

/** Defaults of `NatsKvIntegrationStoreOptions`. */
export const NATS_KV_STORE_DEFAULTS = Object.freeze({
	servers: 'nats://127.0.0.1:4222',
	bucket: 'cortex_integrations',
	replicas: 1,
	maxIntegrations: 100_000,
	timeoutMillis: 5_000,
	maxUpdateAttempts: 10,
});

export type ResolvedNatsKvOptions = ReturnType<typeof resolveNatsKvStoreOptions>;

const BUCKET = /^[A-Za-z0-9_-]{1,64}$/;

/** Applies the defaults once and validates eagerly (keys are loaded here, files read here). */
export function resolveNatsKvStoreOptions(o: NatsKvIntegrationStoreOptions) {
	checkObject('options', o);
	const d = NATS_KV_STORE_DEFAULTS;
	return {
		servers: servers(o.servers ?? d.servers),
		connection: o.connection,
		bucket: bucket(o.bucket ?? d.bucket),
		replicas: integerOption('replicas', o.replicas, d.replicas, 1, 5),
		box: secretBox(o),
		maxIntegrations: count('maxIntegrations', o.maxIntegrations, d.maxIntegrations),
		timeoutMillis: count('timeoutMillis', o.timeoutMillis, d.timeoutMillis),
		maxUpdateAttempts: count('maxUpdateAttempts', o.maxUpdateAttempts, d.maxUpdateAttempts),
		log: createLogFn(o.logger),
	};
}

function secretBox(o: NatsKvIntegrationStoreOptions) {
	if (o.secretKey === undefined) {
		throw new InvalidOptionError(
			'secretKey',
			'required: the store seals credentials with it before they reach NATS (the CLI reads INTEGRATIONS_SECRET_KEY or --secret-key-file)',
		);
	}
	const previous = o.previousSecretKeys ?? [];
	if (!Array.isArray(previous)) failOption('previousSecretKeys', 'an array', previous);
	return createSecretBox(
		loadSecretKey(o.secretKey, 'secretKey'),
		previous.map((key, i) => loadSecretKey(key, `previousSecretKeys[${i}]`)),
	);
}

function servers(value: unknown): string[] {
	const list = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(list) || list.length === 0) failOption('servers', 'URL(s)', value);
	return list.map((item: unknown) => {
		const text = typeof item === 'string' ? item.trim() : '';
		if (!/^(nats|tls):\/\/[^/\s]+$/.test(text)) {
			failOption('servers', 'nats://host:port or tls://host:port', displayServer(String(item)));
		}
		return text;
	});
}

/** A server URL without its user info (for messages and logs). */
export function displayServer(url: string): string {
	return url.replace(/\/\/[^@/]*@/, '//');
}

function bucket(value: unknown): string {
	if (typeof value === 'string' && BUCKET.test(value)) return value;
	return failOption('bucket', '1..64 characters of A-Z a-z 0-9 _ -', value);
}

/** An integer in 1..2^31 (timers take no more). */
function count(option: string, value: unknown, fallback: number): number {
	return integerOption(option, value, fallback, 1, 2 ** 31);
}

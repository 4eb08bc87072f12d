import type { MeterProvider } from '@opentelemetry/api';
import { describeValue, InvalidOptionError } from '../../common/index.js';
import type { ApiCallEvent } from '../../events/index.js';
import type { EndpointPolicyOptions } from '../../http/index.js';
import {
	HTTP_POOL_DEFAULTS,
	type HttpPoolOptions,
	RATE_LIMIT_DEFAULTS,
	type RateLimitOptions,
} from '../../http/index.js';
import type { IntegrationsLogger } from '../../telemetry/index.js';
import type { IntegrationStore } from '../store/index.js';

/** Anything with the publisher's `apiCalled` method (e.g. `createIntegrationsPublisher(...)`). */
export interface ApiCallEventSink {
	apiCalled(data: ApiCallEvent): unknown;
}

/** Options of `createIntegrationsRuntime`. */
export interface IntegrationsRuntimeOptions {
	/**
	 * Where integrations are kept: `await createNatsKvIntegrationStore(...)` shares them (and their
	 * sealed credentials) between replicas through NATS JetStream KV; the caller closes a store it
	 * passes. @default an in-memory store of `maxIntegrations`
	 */
	store?: IntegrationStore;
	/** Capacity of the default in-memory store. @default 100000 */
	maxIntegrations?: number;
	/** Receives one `integrations.api.called` event per executed call that got a response. @default none */
	events?: ApiCallEventSink;
	/** pino-compatible logger. @default silent */
	logger?: IntegrationsLogger;
	/** OpenTelemetry meter provider for tool-call and HTTP metrics. @default metrics.getMeterProvider() (no-op unless registered) */
	meterProvider?: MeterProvider;
	/** Outbound endpoint policy. @default deny cloud metadata and link-local, allow the rest */
	endpointPolicy?: EndpointPolicyOptions;
	/** Pooled HTTP clients. @default see `HttpPoolOptions` */
	http?: HttpPoolOptions;
	/** Per-integration token bucket. @default { requestsPerSecond: 10, burst: 20 } */
	rateLimit?: RateLimitOptions;
	/**
	 * Bytes one tenant's integrations may hold (records and sealed credentials, strings counted as
	 * UTF-16); a create beyond it fails with `ERR_QUOTA_EXCEEDED` (scope `tenant`). @default 67108864 (64 MiB)
	 */
	maxTenantBytes?: number;
	/**
	 * Bytes all integrations of the runtime may hold, counted as for `maxTenantBytes`; a create
	 * beyond it fails with `ERR_QUOTA_EXCEEDED` (scope `runtime`). @default 268435456 (256 MiB)
	 */
	maxStoredBytes?: number;
	/** Outbound calls (test + execute) running at once. @default 16 */
	maxConcurrency?: number;
	/**
	 * Outbound calls of one tenant running at once, so a tenant stalled on a dead host leaves slots
	 * to the others; freed slots go to waiting tenants in turn. @default half of `maxConcurrency`, rounded up
	 */
	maxConcurrencyPerTenant?: number;
	/** Calls waiting for a concurrency slot before new ones fail with `ERR_OVERLOADED`. @default 1000 */
	maxPendingCalls?: number;
	/** Calls of one tenant waiting for a slot before its new ones fail with `ERR_OVERLOADED`. @default half of `maxPendingCalls`, rounded up */
	maxPendingCallsPerTenant?: number;
	/** Deadline of `execute_integration` when the input has no `timeout`, in ms. @default 30000 */
	defaultTimeoutMillis?: number;
	/** Upper bound of the `timeout` input, in ms. @default 300000 */
	maxTimeoutMillis?: number;
	/** Deadline of each `test_integration` check, in ms. @default 10000 */
	testTimeoutMillis?: number;
	/** Retries when the integration has no `retryPolicy`. @default { maxRetries: 2, backoffMillis: 250 } */
	defaultRetryPolicy?: { maxRetries: number; backoffMillis: number };
	/** Cap of one backoff delay, in ms. @default 30000 */
	maxBackoffMillis?: number;
	/** A longer `Retry-After` stops retrying and returns the 429/503, in ms. @default 60000 */
	maxRetryAfterMillis?: number;
	/** Response bytes read per call; the rest is cut (`truncated: true`). @default 1048576 */
	maxResponseBytes?: number;
	/** Request body bytes (JSON of `payload`) allowed. @default 1048576 */
	maxRequestBytes?: number;
	/** Calls remembered per integration for `monitor_integration`. @default 512 */
	monitorWindowSize?: number;
	/** How long a `monitor_integration` report is served from cache, in ms. @default 5000 */
	monitorCacheTtlMillis?: number;
	/** Tenant used when a call names none. @default 'default' */
	defaultTenantId?: string;
	/** Wall clock, epoch ms (timestamps, cache TTL, Retry-After dates). @default Date.now */
	now?: () => number;
	/** Random source in [0, 1) for backoff jitter. @default Math.random */
	random?: () => number;
}

export type ResolvedRuntimeOptions = ReturnType<typeof resolveRuntimeOptions>;

const MiB = 1024 * 1024;

/** Defaults of the capacity options; the per-tenant ones derive from these (see the JSDoc). */
export const RUNTIME_CAPACITY_DEFAULTS = Object.freeze({
	maxIntegrations: 100_000,
	maxTenantBytes: 64 * MiB,
	maxStoredBytes: 256 * MiB,
	maxConcurrency: 16,
	maxPendingCalls: 1_000,
});

const int = (option: string, value: unknown, fallback: number, min: number): number => {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
		throw new InvalidOptionError(
			option,
			`expected an integer >= ${min}, got ${describeValue(value)}`,
		);
	}
	return value;
};

const positive = (option: string, value: unknown, fallback: number): number => {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new InvalidOptionError(option, `expected a number > 0, got ${describeValue(value)}`);
	}
	return value;
};

const fn = <T>(option: string, value: T | undefined, fallback: T): T => {
	if (value === undefined) return fallback;
	if (typeof value !== 'function') {
		throw new InvalidOptionError(option, `expected a function, got ${describeValue(value)}`);
	}
	return value;
};

/** `value` is undefined or an object whose `methods` are all functions. */
function checkMethods(option: string, value: unknown, methods: readonly string[]): void {
	if (value === undefined) return;
	const target = value as Record<string, unknown> | null;
	if (
		target === null ||
		typeof target !== 'object' ||
		methods.some((m) => typeof target[m] !== 'function')
	) {
		throw new InvalidOptionError(
			option,
			`expected an object with ${methods.join(', ')} methods, got ${describeValue(value)}`,
		);
	}
}

function checkCollaborators(o: IntegrationsRuntimeOptions): void {
	checkMethods('store', o.store, ['insert', 'get', 'updateStatus', 'list']);
	checkMethods('events', o.events, ['apiCalled']);
	checkMethods('logger', o.logger, ['error', 'warn', 'info', 'debug']);
	checkMethods('meterProvider', o.meterProvider, ['getMeter']);
}

function tenantId(value: unknown): string {
	if (value === undefined) return 'default';
	if (typeof value === 'string' && value.length > 0 && value.length <= 256) return value;
	throw new InvalidOptionError(
		'defaultTenantId',
		`expected a string of 1..256 characters, got ${describeValue(value)}`,
	);
}

/** Applies defaults once and validates eagerly; a bad value throws `InvalidOptionError`. */
export function resolveRuntimeOptions(o: IntegrationsRuntimeOptions = {}) {
	if (o === null || typeof o !== 'object') {
		throw new InvalidOptionError('options', `expected an object, got ${describeValue(o)}`);
	}
	checkCollaborators(o);
	return {
		...resolveCapacity(o),
		defaultTimeoutMillis: int('defaultTimeoutMillis', o.defaultTimeoutMillis, 30_000, 1),
		maxTimeoutMillis: int('maxTimeoutMillis', o.maxTimeoutMillis, 300_000, 1),
		testTimeoutMillis: int('testTimeoutMillis', o.testTimeoutMillis, 10_000, 1),
		defaultRetryPolicy: {
			maxRetries: int('defaultRetryPolicy.maxRetries', o.defaultRetryPolicy?.maxRetries, 2, 0),
			backoffMillis: positive(
				'defaultRetryPolicy.backoffMillis',
				o.defaultRetryPolicy?.backoffMillis,
				250,
			),
		},
		maxBackoffMillis: int('maxBackoffMillis', o.maxBackoffMillis, 30_000, 0),
		maxRetryAfterMillis: int('maxRetryAfterMillis', o.maxRetryAfterMillis, 60_000, 0),
		maxResponseBytes: int('maxResponseBytes', o.maxResponseBytes, 1_048_576, 1),
		maxRequestBytes: int('maxRequestBytes', o.maxRequestBytes, 1_048_576, 1),
		monitorWindowSize: int('monitorWindowSize', o.monitorWindowSize, 512, 1),
		monitorCacheTtlMillis: int('monitorCacheTtlMillis', o.monitorCacheTtlMillis, 5_000, 0),
		defaultTenantId: tenantId(o.defaultTenantId),
		rateLimit: resolveRateLimit(o.rateLimit),
		http: resolveHttp(o.http),
		now: fn('now', o.now, Date.now),
		random: fn('random', o.random, Math.random),
	};
}

/** Store, quota and concurrency bounds; the per-tenant defaults derive from the totals. */
function resolveCapacity(o: IntegrationsRuntimeOptions) {
	const d = RUNTIME_CAPACITY_DEFAULTS;
	const maxConcurrency = int('maxConcurrency', o.maxConcurrency, d.maxConcurrency, 1);
	const maxPendingCalls = int('maxPendingCalls', o.maxPendingCalls, d.maxPendingCalls, 0);
	return {
		maxIntegrations: int('maxIntegrations', o.maxIntegrations, d.maxIntegrations, 1),
		maxTenantBytes: int('maxTenantBytes', o.maxTenantBytes, d.maxTenantBytes, 1),
		maxStoredBytes: int('maxStoredBytes', o.maxStoredBytes, d.maxStoredBytes, 1),
		maxConcurrency,
		maxConcurrencyPerTenant: int(
			'maxConcurrencyPerTenant',
			o.maxConcurrencyPerTenant,
			Math.ceil(maxConcurrency / 2),
			1,
		),
		maxPendingCalls,
		maxPendingCallsPerTenant: int(
			'maxPendingCallsPerTenant',
			o.maxPendingCallsPerTenant,
			Math.ceil(maxPendingCalls / 2),
			0,
		),
	};
}

function resolveRateLimit(o: RateLimitOptions = {}): Required<RateLimitOptions> {
	return {
		requestsPerSecond: positive(
			'rateLimit.requestsPerSecond',
			o.requestsPerSecond,
			RATE_LIMIT_DEFAULTS.requestsPerSecond,
		),
		burst: int('rateLimit.burst', o.burst, RATE_LIMIT_DEFAULTS.burst, 1),
	};
}

function resolveHttp(o: HttpPoolOptions = {}) {
	const d = HTTP_POOL_DEFAULTS;
	return {
		connectionsPerOrigin: int(
			'http.connectionsPerOrigin',
			o.connectionsPerOrigin,
			d.connectionsPerOrigin,
			1,
		),
		keepAliveTimeoutMillis: int(
			'http.keepAliveTimeoutMillis',
			o.keepAliveTimeoutMillis,
			d.keepAliveTimeoutMillis,
			1,
		),
		keepAliveMaxTimeoutMillis: int(
			'http.keepAliveMaxTimeoutMillis',
			o.keepAliveMaxTimeoutMillis,
			d.keepAliveMaxTimeoutMillis,
			1,
		),
		connectTimeoutMillis: int(
			'http.connectTimeoutMillis',
			o.connectTimeoutMillis,
			d.connectTimeoutMillis,
			1,
		),
		maxAgents: int('http.maxAgents', o.maxAgents, d.maxAgents, 1),
		resolve: o.resolve,
	};
}

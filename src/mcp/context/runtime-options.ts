import type { MeterProvider } from '@opentelemetry/api';
import {
	checkObject,
	failOption,
	functionOption,
	methodsOption,
	nonNegativeInteger,
	positiveInteger,
	positiveNumber,
} from '../../common/index.js';
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

/**
 * Defaults of {@link IntegrationsRuntimeOptions}, applied by `resolveRuntimeOptions` only. The
 * per-tenant bounds derive from the totals (half, rounded up); the collaborators default to an
 * in-memory store, silent logging and the global meter provider.
 */
export const RUNTIME_DEFAULTS = Object.freeze({
	maxIntegrations: 100_000,
	maxTenantBytes: 64 * MiB,
	maxStoredBytes: 256 * MiB,
	maxConcurrency: 16,
	maxPendingCalls: 1_000,
	defaultTimeoutMillis: 30_000,
	maxTimeoutMillis: 300_000,
	testTimeoutMillis: 10_000,
	defaultRetryPolicy: Object.freeze({ maxRetries: 2, backoffMillis: 250 }),
	maxBackoffMillis: 30_000,
	maxRetryAfterMillis: 60_000,
	maxResponseBytes: 1_048_576,
	maxRequestBytes: 1_048_576,
	monitorWindowSize: 512,
	monitorCacheTtlMillis: 5_000,
	defaultTenantId: 'default',
});

function checkCollaborators(o: IntegrationsRuntimeOptions): void {
	methodsOption('store', o.store, 'a store', ['insert', 'get', 'updateStatus', 'list']);
	methodsOption('events', o.events, 'an event sink', ['apiCalled']);
	methodsOption('logger', o.logger, 'a logger', ['error', 'warn', 'info', 'debug']);
	methodsOption('meterProvider', o.meterProvider, 'a MeterProvider', ['getMeter']);
}

function tenantId(value: unknown): string {
	if (value === undefined) return RUNTIME_DEFAULTS.defaultTenantId;
	if (typeof value === 'string' && value.length > 0 && value.length <= 256) return value;
	return failOption('defaultTenantId', 'a string of 1..256 characters', value);
}

/** Applies defaults once and validates eagerly; a bad value throws `InvalidOptionError`. */
export function resolveRuntimeOptions(o: IntegrationsRuntimeOptions = {}) {
	checkObject('options', o);
	checkCollaborators(o);
	return {
		...resolveCapacity(o),
		...resolveTimeouts(o),
		...resolveLimits(o),
		defaultTenantId: tenantId(o.defaultTenantId),
		rateLimit: resolveRateLimit(o.rateLimit),
		http: resolveHttp(o.http),
		now: functionOption('now', o.now, Date.now),
		random: functionOption('random', o.random, Math.random),
	};
}

/** Deadlines and retries of the outbound calls. */
function resolveTimeouts(o: IntegrationsRuntimeOptions) {
	const d = RUNTIME_DEFAULTS;
	return {
		defaultTimeoutMillis: positiveInteger(
			'defaultTimeoutMillis',
			o.defaultTimeoutMillis,
			d.defaultTimeoutMillis,
		),
		maxTimeoutMillis: positiveInteger('maxTimeoutMillis', o.maxTimeoutMillis, d.maxTimeoutMillis),
		testTimeoutMillis: positiveInteger(
			'testTimeoutMillis',
			o.testTimeoutMillis,
			d.testTimeoutMillis,
		),
		defaultRetryPolicy: {
			maxRetries: nonNegativeInteger(
				'defaultRetryPolicy.maxRetries',
				o.defaultRetryPolicy?.maxRetries,
				d.defaultRetryPolicy.maxRetries,
			),
			backoffMillis: positiveNumber(
				'defaultRetryPolicy.backoffMillis',
				o.defaultRetryPolicy?.backoffMillis,
				d.defaultRetryPolicy.backoffMillis,
			),
		},
		maxBackoffMillis: nonNegativeInteger(
			'maxBackoffMillis',
			o.maxBackoffMillis,
			d.maxBackoffMillis,
		),
		maxRetryAfterMillis: nonNegativeInteger(
			'maxRetryAfterMillis',
			o.maxRetryAfterMillis,
			d.maxRetryAfterMillis,
		),
	};
}

/** Body sizes and the monitor window. */
function resolveLimits(o: IntegrationsRuntimeOptions) {
	const d = RUNTIME_DEFAULTS;
	return {
		maxResponseBytes: positiveInteger('maxResponseBytes', o.maxResponseBytes, d.maxResponseBytes),
		maxRequestBytes: positiveInteger('maxRequestBytes', o.maxRequestBytes, d.maxRequestBytes),
		monitorWindowSize: positiveInteger(
			'monitorWindowSize',
			o.monitorWindowSize,
			d.monitorWindowSize,
		),
		monitorCacheTtlMillis: nonNegativeInteger(
			'monitorCacheTtlMillis',
			o.monitorCacheTtlMillis,
			d.monitorCacheTtlMillis,
		),
	};
}

/** Store, quota and concurrency bounds; the per-tenant defaults derive from the totals. */
function resolveCapacity(o: IntegrationsRuntimeOptions) {
	const d = RUNTIME_DEFAULTS;
	const maxConcurrency = positiveInteger('maxConcurrency', o.maxConcurrency, d.maxConcurrency);
	const maxPendingCalls = nonNegativeInteger(
		'maxPendingCalls',
		o.maxPendingCalls,
		d.maxPendingCalls,
	);
	return {
		maxIntegrations: positiveInteger('maxIntegrations', o.maxIntegrations, d.maxIntegrations),
		maxTenantBytes: positiveInteger('maxTenantBytes', o.maxTenantBytes, d.maxTenantBytes),
		maxStoredBytes: positiveInteger('maxStoredBytes', o.maxStoredBytes, d.maxStoredBytes),
		maxConcurrency,
		maxConcurrencyPerTenant: positiveInteger(
			'maxConcurrencyPerTenant',
			o.maxConcurrencyPerTenant,
			Math.ceil(maxConcurrency / 2),
		),
		maxPendingCalls,
		maxPendingCallsPerTenant: nonNegativeInteger(
			'maxPendingCallsPerTenant',
			o.maxPendingCallsPerTenant,
			Math.ceil(maxPendingCalls / 2),
		),
	};
}

function resolveRateLimit(o: RateLimitOptions = {}): Required<RateLimitOptions> {
	return {
		requestsPerSecond: positiveNumber(
			'rateLimit.requestsPerSecond',
			o.requestsPerSecond,
			RATE_LIMIT_DEFAULTS.requestsPerSecond,
		),
		burst: positiveInteger('rateLimit.burst', o.burst, RATE_LIMIT_DEFAULTS.burst),
	};
}

function resolveHttp(o: HttpPoolOptions = {}) {
	const d = HTTP_POOL_DEFAULTS;
	return {
		connectionsPerOrigin: positiveInteger(
			'http.connectionsPerOrigin',
			o.connectionsPerOrigin,
			d.connectionsPerOrigin,
		),
		keepAliveTimeoutMillis: positiveInteger(
			'http.keepAliveTimeoutMillis',
			o.keepAliveTimeoutMillis,
			d.keepAliveTimeoutMillis,
		),
		keepAliveMaxTimeoutMillis: positiveInteger(
			'http.keepAliveMaxTimeoutMillis',
			o.keepAliveMaxTimeoutMillis,
			d.keepAliveMaxTimeoutMillis,
		),
		connectTimeoutMillis: positiveInteger(
			'http.connectTimeoutMillis',
			o.connectTimeoutMillis,
			d.connectTimeoutMillis,
		),
		maxAgents: positiveInteger('http.maxAgents', o.maxAgents, d.maxAgents),
		resolve: o.resolve,
	};
}

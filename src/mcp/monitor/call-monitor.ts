import { CallWindow, percentile } from './call-window.js';

export type MonitorMetric = 'latency' | 'success-rate' | 'error-count';

/** Latency percentiles in milliseconds; `null` when no call is in range. */
export interface LatencyReport {
	readonly p50Millis: number | null;
	readonly p95Millis: number | null;
	readonly p99Millis: number | null;
}

/** What `monitor_integration` returns. */
export interface MonitorReport {
	readonly integrationId: string;
	readonly timeRange: { readonly start?: string; readonly end?: string };
	/** Calls in range (from the window of the most recent `windowSize` calls). */
	readonly sampleCount: number;
	readonly latency?: LatencyReport;
	/** Share of calls with a 2xx/3xx response, 0..1; `null` when no call is in range. */
	readonly successRate?: number | null;
	/** Calls without a 2xx/3xx response (4xx, 5xx, no response). */
	readonly errorCount?: number;
	readonly windowSize: number;
	/** When this report was computed (ISO 8601). */
	readonly cachedAt: string;
	/** True when served from the cache (see `ttlMillis`; pass `refresh: true` to recompute). */
	readonly cached: boolean;
	readonly ttlMillis: number;
}

export interface MonitorQuery {
	readonly tenantId: string;
	readonly integrationId: string;
	readonly start?: string;
	readonly end?: string;
	readonly metrics: readonly MonitorMetric[];
	readonly refresh: boolean;
}

export interface CallMonitorOptions {
	readonly windowSize: number;
	readonly cacheTtlMillis: number;
	readonly maxCacheEntries: number;
	/** Wall clock, epoch milliseconds. */
	readonly now: () => number;
}

/** Per-integration call windows plus a TTL cache of computed reports. */
export interface CallMonitor {
	record(integrationId: string, durationMillis: number, ok: boolean): void;
	report(query: MonitorQuery): MonitorReport;
}

interface CacheEntry {
	readonly report: MonitorReport;
	readonly expiresAt: number;
}

export function createCallMonitor(options: CallMonitorOptions): CallMonitor {
	const windows = new Map<string, CallWindow>();
	const cache = new Map<string, CacheEntry>();
	return {
		record(integrationId, durationMillis, ok) {
			let window = windows.get(integrationId);
			if (!window) {
				window = new CallWindow(options.windowSize);
				windows.set(integrationId, window);
			}
			window.record(options.now(), durationMillis, ok);
		},
		report(query) {
			const key = cacheKey(query);
			const now = options.now();
			const hit = query.refresh ? undefined : cache.get(key);
			if (hit && hit.expiresAt > now) return { ...hit.report, cached: true };
			const report = computeReport(query, windows.get(query.integrationId), options, now);
			cache.delete(key);
			if (cache.size >= options.maxCacheEntries) cache.delete(cache.keys().next().value as string);
			cache.set(key, { report, expiresAt: now + options.cacheTtlMillis });
			return report;
		},
	};
}

function cacheKey(q: MonitorQuery): string {
	return `${q.tenantId}\u0000${q.integrationId}\u0000${q.start ?? ''}\u0000${q.end ?? ''}\u0000${q.metrics.join(',')}`;
}

function computeReport(
	query: MonitorQuery,
	window: CallWindow | undefined,
	options: CallMonitorOptions,
	now: number,
): MonitorReport {
	const from = query.start === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.start);
	const to = query.end === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.end);
	const summary = window?.summarize(from, to);
	const count = summary?.count ?? 0;
	const errors = summary?.errorCount ?? 0;
	const sorted = summary?.sortedDurationsMillis ?? new Float64Array(0);
	const wants = new Set(query.metrics);
	const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
	return {
		integrationId: query.integrationId,
		timeRange: {
			...(query.start !== undefined && { start: query.start }),
			...(query.end !== undefined && { end: query.end }),
		},
		sampleCount: count,
		...(wants.has('latency') && {
			latency: {
				p50Millis: round(percentile(sorted, 0.5)),
				p95Millis: round(percentile(sorted, 0.95)),
				p99Millis: round(percentile(sorted, 0.99)),
			},
		}),
		...(wants.has('success-rate') && {
			successRate: count === 0 ? null : (count - errors) / count,
		}),
		...(wants.has('error-count') && { errorCount: errors }),
		windowSize: options.windowSize,
		cachedAt: new Date(now).toISOString(),
		cached: false,
		ttlMillis: options.cacheTtlMillis,
	};
}

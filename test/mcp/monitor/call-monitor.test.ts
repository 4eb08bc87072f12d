import { describe, expect, it } from 'vitest';
import { createCallMonitor, type MonitorQuery } from '../../../src/mcp/monitor/call-monitor.js';

const query = (overrides: Partial<MonitorQuery> = {}): MonitorQuery => ({
	tenantId: 't',
	integrationId: 'i1',
	metrics: ['error-count', 'latency', 'success-rate'],
	refresh: false,
	...overrides,
});

describe('createCallMonitor', () => {
	it('reports latency percentiles, success rate and error count', () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		const monitor = createCallMonitor({
			windowSize: 512,
			cacheTtlMillis: 1000,
			maxCacheEntries: 10,
			now: () => now,
		});
		for (let i = 1; i <= 100; i++) {
			now += 10;
			monitor.record('i1', i, i % 5 !== 0);
		}
		expect(monitor.report(query())).toMatchObject({
			sampleCount: 100,
			latency: { p50Millis: 50, p95Millis: 95, p99Millis: 99 },
			successRate: 0.8,
			errorCount: 20,
			cached: false,
			cachedAt: new Date(now).toISOString(),
		});
	});

	it('serves a cached report until the TTL passes, unless refresh is asked', () => {
		let now = 0;
		const monitor = createCallMonitor({
			windowSize: 512,
			cacheTtlMillis: 1000,
			maxCacheEntries: 10,
			now: () => now,
		});
		monitor.record('i1', 5, true);
		const first = monitor.report(query());
		monitor.record('i1', 50, false);
		now = 500;
		expect(monitor.report(query())).toMatchObject({
			cached: true,
			sampleCount: 1,
			cachedAt: first.cachedAt,
		});
		expect(monitor.report(query({ refresh: true }))).toMatchObject({
			cached: false,
			sampleCount: 2,
		});
		now = 2000;
		expect(monitor.report(query())).toMatchObject({ cached: false, sampleCount: 2 });
	});

	it('includes only the requested metrics, and nulls when nothing is in range', () => {
		const monitor = createCallMonitor({
			windowSize: 8,
			cacheTtlMillis: 0,
			maxCacheEntries: 10,
			now: () => 0,
		});
		const report = monitor.report(query({ metrics: ['success-rate'], integrationId: 'none' }));
		expect(report).not.toHaveProperty('latency');
		expect(report).not.toHaveProperty('errorCount');
		expect(report.successRate).toBeNull();
		expect(report.sampleCount).toBe(0);
	});

	it('bounds the cache', () => {
		const monitor = createCallMonitor({
			windowSize: 8,
			cacheTtlMillis: 60_000,
			maxCacheEntries: 2,
			now: () => 0,
		});
		monitor.report(query({ integrationId: 'a' }));
		monitor.report(query({ integrationId: 'b' }));
		monitor.report(query({ integrationId: 'c' }));
		expect(monitor.report(query({ integrationId: 'a' })).cached).toBe(false);
		expect(monitor.report(query({ integrationId: 'c' })).cached).toBe(true);
	});
});

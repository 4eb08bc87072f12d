import { describe, expect, it } from 'vitest';
import { CallWindow, percentile } from '../../../src/mcp/monitor/call-window.js';

describe('CallWindow', () => {
	it('keeps only the most recent maxCalls calls', () => {
		const window = new CallWindow(40);
		for (let i = 0; i < 100; i++) window.record(i, i, i % 10 !== 0);
		const all = window.summarize(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
		expect(window.size).toBe(40);
		expect(all.count).toBe(40);
		expect(all.sortedDurationsMillis[0]).toBe(60);
		expect(all.errorCount).toBe(4);
	});

	it('summarizes only the calls inside the time range', () => {
		const window = new CallWindow(512);
		for (let i = 0; i < 10; i++) window.record(1000 + i, i * 10, i < 8);
		const summary = window.summarize(1002, 1008);
		expect(summary.count).toBe(7);
		expect(summary.errorCount).toBe(1);
		expect([...summary.sortedDurationsMillis]).toEqual([20, 30, 40, 50, 60, 70, 80]);
	});
});

describe('percentile', () => {
	it('uses the nearest rank', () => {
		const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
		expect([percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)]).toEqual([
			50, 95, 99,
		]);
		expect(percentile(Float64Array.of(7), 0.99)).toBe(7);
		expect(percentile(new Float64Array(0), 0.5)).toBeNull();
	});
});

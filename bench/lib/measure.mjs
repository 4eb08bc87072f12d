// Measurements shared by the bench questions (and the demo): main-thread CPU time (Linux
// schedstat), event-loop delay, latency percentiles, peak RSS.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU nanoseconds used by the main thread so far (Linux schedstat), else by the whole process. */
export function mainThreadCpuNanos() {
	try {
		return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
	} catch {
		return processCpuNanos();
	}
}

/** CPU nanoseconds used by every thread of the process so far (user + system). */
export function processCpuNanos() {
	const { user, system } = process.cpuUsage();
	return (user + system) * 1000;
}

/** Starts an event-loop delay monitor; `stop()` returns p50/p99/max in milliseconds. */
export function startLoopDelay() {
	const histogram = monitorEventLoopDelay({ resolution: 1 });
	histogram.enable();
	return () => {
		histogram.disable();
		return {
			p50: histogram.percentile(50) / 1e6,
			p99: histogram.percentile(99) / 1e6,
			max: histogram.max / 1e6,
		};
	};
}

/** Percentiles (in the samples' unit) of a Float64Array or array, without mutating it. */
export function percentiles(samples, count = samples.length) {
	const sorted = Float64Array.from(
		samples.subarray ? samples.subarray(0, count) : samples.slice(0, count),
	);
	sorted.sort();
	const at = (q) =>
		sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRssBytes() {
	return process.resourceUsage().maxRSS * 1024;
}

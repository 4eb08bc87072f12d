// Samples memory while the soak runs: RSS as it is, then the heap after a full GC (`global.gc()`,
// node --expose-gc), every few seconds. The verdict fits a least-squares line through the heap
// samples taken after the warm-up and compares its slope with the limit, in MB per minute.

const MB = 2 ** 20;

/** Starts sampling every `everyMillis`; `stop()` takes a last sample and returns them all. */
export function startMemorySampler(everyMillis) {
	const startedAt = performance.now();
	const samples = [];
	const take = () => {
		const rssMB = process.memoryUsage.rss() / MB;
		globalThis.gc();
		const { heapUsed } = process.memoryUsage();
		samples.push({ atMillis: performance.now() - startedAt, heapMB: heapUsed / MB, rssMB });
	};
	take();
	const timer = setInterval(take, everyMillis);
	return {
		samples,
		stop() {
			clearInterval(timer);
			take();
			return samples;
		},
	};
}

/** Slope of the least-squares line through `points` ([x, y] pairs); 0 for fewer than two. */
export function leastSquaresSlope(points) {
	const n = points.length;
	if (n < 2) return 0;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let covariance = 0;
	let variance = 0;
	for (const [x, y] of points) {
		covariance += (x - meanX) * (y - meanY);
		variance += (x - meanX) ** 2;
	}
	return variance === 0 ? 0 : covariance / variance;
}

const round = (value, digits = 2) => Number(value.toFixed(digits));

/**
 * The memory figures of a run: heap after GC at the end of the warm-up and at the end, its range
 * and slope (MB/min) after the warm-up, and peak RSS (`maxRSS`: the true peak, not a sample).
 */
export function summarizeMemory(samples, warmupMillis) {
	const measured = samples.filter((sample) => sample.atMillis >= warmupMillis);
	const points = measured.map((sample) => [sample.atMillis / 60_000, sample.heapMB]);
	const heaps = measured.map((sample) => sample.heapMB);
	return {
		samples: samples.length,
		samplesAfterWarmup: measured.length,
		warmupSeconds: round(warmupMillis / 1000, 0),
		heapAfterGcMB: {
			start: round(heaps[0] ?? Number.NaN),
			end: round(heaps.at(-1) ?? Number.NaN),
			min: round(Math.min(...heaps)),
			max: round(Math.max(...heaps)),
			slopeMBPerMin: round(leastSquaresSlope(points), 3),
		},
		rssMB: {
			start: round(samples[0]?.rssMB ?? Number.NaN),
			end: round(samples.at(-1)?.rssMB ?? Number.NaN),
			peak: round((process.resourceUsage().maxRSS * 1024) / MB),
			/** For information only (RSS also holds worker threads and allocator slack). */
			slopeMBPerMinAfterWarmup: round(
				leastSquaresSlope(measured.map((s) => [s.atMillis / 60_000, s.rssMB])),
				3,
			),
		},
	};
}

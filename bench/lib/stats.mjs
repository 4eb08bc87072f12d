// Small statistics helpers shared by the bench runner and report.

/** Median of a numeric array (not mutated). */
export function median(values) {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Quantile q ∈ [0, 1] of a numeric array. */
export function quantile(values, q) {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** All benchmark groups of a vitest `--outputJson` report. */
export function vitestGroups(data) {
	return data.files.flatMap((file) => file.groups);
}

/** Baseline median ÷ candidate median in the first group whose name contains `groupPart`. */
export function groupRatio(data, groupPart, candidatePart) {
	const group = vitestGroups(data).find((g) => g.fullName.includes(groupPart));
	if (!group) return Number.NaN;
	const baseline = group.benchmarks.find((b) => b.name.startsWith('baseline'));
	const candidate = group.benchmarks.find((b) => b.name.includes(candidatePart));
	return baseline && candidate ? baseline.median / candidate.median : Number.NaN;
}

/** Median of the samples of the first script row whose name contains `namePart`. */
export function rowMedian(data, namePart) {
	const row = data.rows.find((r) => r.name.includes(namePart));
	return row ? median(row.samples) : Number.NaN;
}

/** The first script row whose name contains `namePart`. */
export function findRow(data, namePart) {
	return data.rows.find((r) => r.name.includes(namePart));
}

/**
 * How many times better the candidate row is than the baseline row (both found by name part):
 * candidate ÷ baseline for higher-is-better rows, baseline ÷ candidate otherwise.
 */
export function rowRatio(data, candidatePart, baselinePart) {
	const candidate = findRow(data, candidatePart);
	const baseline = findRow(data, baselinePart);
	if (!candidate || !baseline) return Number.NaN;
	const c = median(candidate.samples);
	const b = median(baseline.samples);
	return candidate.higherIsBetter ? c / b : b / c;
}

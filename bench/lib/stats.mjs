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

// Number formatting of the report.

/** Big numbers without decimals, small ones with up to three significant digits. */
export function fmtValue(n) {
	if (!Number.isFinite(n)) return 'n/a';
	const abs = Math.abs(n);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

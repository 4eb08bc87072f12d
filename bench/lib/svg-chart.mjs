// A tiny hand-written SVG line chart (no dependencies) for the batch sweep: panels side by side,
// log-scale x axis, one polyline per series, legend and axis labels.

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const W = 420;
const H = 316;
const M = { left: 62, right: 16, top: 34, bottom: 62 };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmtTick = (v) => (v >= 1000 ? `${v / 1000}k` : String(Number(v.toPrecision(3))));

/**
 * `panels`: [{ title, xLabel, yLabel, logY?, series: [{ name, points: [[x, y], ...] }] }].
 * Returns the SVG document.
 */
export function lineChartSvg(panels, title) {
	const width = W * panels.length;
	const body = panels.map((panel, i) => panelSvg(panel, i * W)).join('\n');
	return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${H + 24}" viewBox="0 0 ${width} ${H + 24}" font-family="sans-serif" font-size="11">
<title>${esc(title)}</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>
${body}
</svg>
`;
}

function panelSvg(panel, x0) {
	const points = panel.series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
	const xs = [...new Set(points.map(([x]) => x))].sort((a, b) => a - b);
	const ys = points.map(([, y]) => y);
	const xScale = logScale(xs[0], xs.at(-1), x0 + M.left, x0 + W - M.right);
	const yMin = panel.logY ? Math.min(...ys) / 1.5 : 0;
	const yMax = Math.max(...ys) * 1.1;
	const top = 24 + M.top;
	const bottom = 24 + H - M.bottom;
	const yScale = panel.logY ? logScale(yMin, yMax, bottom, top) : linScale(yMin, yMax, bottom, top);
	const yTicks = panel.logY ? logTicks(yMin, yMax) : linTicks(yMax);
	const out = [
		`<text x="${x0 + W / 2}" y="${top - 10}" text-anchor="middle" font-weight="bold">${esc(panel.title)}</text>`,
		`<line x1="${x0 + M.left}" y1="${bottom}" x2="${x0 + W - M.right}" y2="${bottom}" stroke="#333"/>`,
		`<line x1="${x0 + M.left}" y1="${top}" x2="${x0 + M.left}" y2="${bottom}" stroke="#333"/>`,
		...xs.map(
			(x) =>
				`<text x="${xScale(x)}" y="${bottom + 14}" text-anchor="middle">${fmtTick(x)}</text><line x1="${xScale(x)}" y1="${bottom}" x2="${xScale(x)}" y2="${bottom + 4}" stroke="#333"/>`,
		),
		...yTicks.map(
			(y) =>
				`<text x="${x0 + M.left - 6}" y="${yScale(y) + 4}" text-anchor="end">${fmtTick(y)}</text><line x1="${x0 + M.left}" y1="${yScale(y)}" x2="${x0 + W - M.right}" y2="${yScale(y)}" stroke="#eee"/>`,
		),
		`<text x="${x0 + (M.left + W - M.right) / 2}" y="${bottom + 32}" text-anchor="middle">${esc(panel.xLabel)}</text>`,
		`<text transform="translate(${x0 + 14},${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(panel.yLabel)}</text>`,
	];
	panel.series.forEach((series, i) => {
		const color = COLORS[i % COLORS.length];
		const pts = series.points.filter(([, y]) => Number.isFinite(y));
		const path = pts.map(([x, y]) => `${xScale(x)},${yScale(y)}`).join(' ');
		out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
		for (const [x, y] of pts) {
			out.push(`<circle cx="${xScale(x)}" cy="${yScale(y)}" r="3" fill="${color}"/>`);
		}
		if (panel.series.length > 1) {
			// Legend in a row under the x-axis label.
			const lx = x0 + M.left + i * 100;
			const ly = bottom + 44;
			out.push(
				`<line x1="${lx}" y1="${ly}" x2="${lx + 16}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
				`<text x="${lx + 20}" y="${ly + 4}">${esc(series.name)}</text>`,
			);
		}
	});
	return out.join('\n');
}

const round = (v) => Math.round(v * 10) / 10;

function logScale(lo, hi, from, to) {
	const a = Math.log10(lo);
	const span = Math.log10(hi) - a || 1;
	return (v) => round(from + ((Math.log10(v) - a) / span) * (to - from));
}

function linScale(lo, hi, from, to) {
	return (v) => round(from + ((v - lo) / (hi - lo || 1)) * (to - from));
}

function linTicks(max) {
	const step = 10 ** Math.floor(Math.log10(max / 4));
	const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => max / s <= 6) ?? step * 10;
	const ticks = [];
	for (let v = 0; v <= max; v += nice) ticks.push(Number(v.toPrecision(6)));
	return ticks;
}

function logTicks(lo, hi) {
	const ticks = [];
	for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
		for (const m of [1, 2, 5]) {
			const v = m * 10 ** e;
			if (v >= lo && v <= hi) ticks.push(v);
		}
	}
	return ticks;
}

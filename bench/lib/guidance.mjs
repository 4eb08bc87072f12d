// The "when to enable batching, when to use workers" paragraphs at the top of RESULTS.md (and in
// the README fragment), written from the numbers of the same run. Missing figures read as "n/a".
import { fmtValue } from './format.mjs';
import { median } from './stats.mjs';

const UPSTREAM = 'baseline: upstream-equivalent pipeline (zod 3, per-event awaited publish)';

/** Markdown paragraphs of advice, grounded in `results` (the runner's per-question results). */
export function guidance(results) {
	if (!results.some((r) => r.question.id === 'throughput' && r.data)) return [];
	const n = figures(results);
	const m = (v) => `${fmtValue(v / 1e6)}M`;
	const x = (v) => `${fmtValue(v)}×`;
	const kb = (bytes) => (Number.isFinite(bytes) ? `${fmtValue(bytes / 1024)} KB` : 'n/a');
	const us = (micros) => `${fmtValue(micros)} µs`;
	const from = (bytes, what) =>
		Number.isFinite(bytes)
			? `${what} from ${kb(bytes)} bodies on`
			: `never ${what} at the sizes measured (up to 64 KB)`;
	return [
		`**When to enable batching:** when events go to a remote bus: on core NATS batching is ${x(n.natsRatio)} per-event awaited publishing. Into the in-process bus the default, sync mode, is as fast: it delivered ${m(n.sync)} events/s end to end (${x(n.sync / n.base)} the upstream-equivalent pipeline's ${fmtValue(n.base)}/s) at ${fmtValue(n.syncCpu)} ns of main-thread CPU per event, each event validated, delivered and settled during its \`emit\` call, where batching with inline validation delivered ${m(n.inline)} events/s (${x(n.inline / n.base)}) at ${fmtValue(n.inlineCpu)} ns. Batching also hands delivery to the event loop in slices: its longest event-loop stall during a 200k burst was ${fmtValue(n.stall)} ms against upstream's ${fmtValue(n.baseStall)} ms (target ≤ 5 ms; ${fmtValue(n.firstStall)} ms on a process's first burst, which also pays V8's one-time compilation and heap growth), and it added a p95 of ${fmtValue(n.p95)} ms of latency at 10k events/s. Keep sync mode where an event must be validated and thrown on at the call site, as upstream does.`,
		`**When to use workers:** for raw JSON bodies (\`emitRaw\`, e.g. webhook bodies): \`validation: 'auto'\` (the default) sends bodies of at least \`workers.minRawBodyBytes\` (default ${kb(n.threshold)}) to the worker pool. The worker path ${from(n.crossover?.cpuBytes, 'took less main-thread CPU per body than inline parsing')} (${us(n.raw4Worker)} against ${us(n.raw4Inline)} inline at 4 KB, ${us(n.raw64Worker)} against ${us(n.raw64Inline)} at 64 KB) and ${from(n.crossover?.throughputBytes, 'delivered at least as many events/s')}. Object events never go to a worker: they are validated during \`emit\` in every mode.`,
	];
}

function figures(results) {
	const data = (id) => results.find((r) => r.question.id === id)?.data;
	const row = (id, name) => {
		const found = data(id)?.rows?.find((r) => r.name === name);
		return found ? median(found.samples) : Number.NaN;
	};
	const q2 = (name, metric) => row('throughput', `${name}: ${metric}`);
	const inline = 'batching, inline validation';
	return {
		sync: q2('sync mode (default, compat)', 'events/s'),
		inline: q2(inline, 'events/s'),
		base: q2(UPSTREAM, 'events/s'),
		syncCpu: q2('sync mode (default, compat)', 'main-thread CPU/event'),
		inlineCpu: q2(inline, 'main-thread CPU/event'),
		p95: row('latency', 'batching (defaults), 10k ev/s: p95'),
		stall: row('loop-delay', `${inline}, 1k chunks, second burst: longest stall`),
		firstStall: row('loop-delay', `${inline}, 1k chunks, first burst: longest stall`),
		baseStall: row(
			'loop-delay',
			'baseline: upstream-equivalent pipeline, 1k chunks: longest stall',
		),
		crossover: data('raw-bodies')?.crossover,
		raw4Worker: row('raw-bodies', '4 KB, worker pool: main-thread CPU/body'),
		raw4Inline: row(
			'raw-bodies',
			'4 KB, inline (main thread parses and validates): main-thread CPU/body',
		),
		raw64Worker: row('raw-bodies', '64 KB, worker pool: main-thread CPU/body'),
		raw64Inline: row(
			'raw-bodies',
			'64 KB, inline (main thread parses and validates): main-thread CPU/body',
		),
		threshold: data('raw-bodies')?.defaultMinRawBodyBytes,
		natsRatio:
			row('nats', 'core: publisher, batching defaults (NATS preset 1,024 × 4)') /
			row('nats', 'core: baseline: per-event awaited publish'),
	};
}

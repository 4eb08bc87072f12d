// Step 4 of the demo: the summary table (sync vs batching side by side) and the OTel metrics.

/** Reads the SDK reader once and keeps the library's instruments: sums and histogram counts. */
export async function readMetrics(reader) {
	const { resourceMetrics } = await reader.collect();
	const out = {};
	for (const scope of resourceMetrics.scopeMetrics) {
		for (const metric of scope.metrics) {
			let total = 0;
			for (const point of metric.dataPoints) {
				total += typeof point.value === 'number' ? point.value : point.value.count;
			}
			out[metric.descriptor.name] = total;
		}
	}
	return out;
}

const n = (value, digits = 0) =>
	Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : '–';

export function printSummary(terminal, { bursts, metrics, tools }, toolEventStats) {
	const { batching: b, sync: s } = bursts;
	const row = (label, pick, digits) => [label, n(pick(b), digits), n(pick(s), digits)];
	terminal.heading('3. Summary');
	terminal.table(
		['', 'batching', 'sync (compat)'],
		[
			row('throughput (events/s)', (r) => r.eventsPerSecond),
			row('emit→delivered p50 (ms)', (r) => r.latencyMillis.p50, 2),
			row('emit→delivered p95 (ms)', (r) => r.latencyMillis.p95, 2),
			row('emit→delivered p99 (ms)', (r) => r.latencyMillis.p99, 2),
			row('event-loop delay p99 (ms)', (r) => r.loopDelayMillis.p99, 2),
			row('main-thread CPU / 100 ev (ms)', (r) => r.cpuMillisPer100Events, 3),
			row('offered', (r) => r.accounting.offered),
			row('delivered', (r) => r.accounting.delivered),
			row('invalid', (r) => r.accounting.invalid),
			row('dropped', (r) => r.accounting.dropped),
			row('dead-lettered', (r) => r.accounting.deadLettered),
		],
	);
	const ok = tools.steps.filter((step) => step.ok).length;
	terminal.line(`\n  MCP tool calls: ${ok}/${tools.steps.length} succeeded; the runtime published`);
	terminal.line(
		`  ${toolEventStats.delivered} integrations.api.called events (batching publisher)`,
	);
	terminal.heading('4. OpenTelemetry metrics (SDK reader; nothing exported)');
	const rows = Object.entries(metrics)
		.filter(([name]) => name.startsWith('integrations.'))
		.map(([name, value]) => [name.replace(/^integrations\./, ''), n(value)]);
	terminal.table(['instrument (integrations.*)', 'sum / count'], rows);
}

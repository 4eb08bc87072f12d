import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

class CollectingReader extends MetricReader {
	protected override async onForceFlush(): Promise<void> {}
	protected override async onShutdown(): Promise<void> {}
}

/** A real SDK meter provider whose data points a test can collect. */
export function createMetricCollector() {
	const reader = new CollectingReader();
	const meterProvider = new MeterProvider({ readers: [reader] });
	return {
		meterProvider,
		async collect(): Promise<ResourceMetrics> {
			const { resourceMetrics } = await reader.collect();
			return resourceMetrics;
		},
		/** Every data point as `{ name, attributes, value }`. */
		async points() {
			const metrics = await this.collect();
			return metrics.scopeMetrics.flatMap((scope) =>
				scope.metrics.flatMap((metric) =>
					metric.dataPoints.map((point) => ({
						name: metric.descriptor.name,
						attributes: point.attributes,
						value: point.value,
					})),
				),
			);
		},
	};
}

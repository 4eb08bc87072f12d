import type { Attributes, Counter, Histogram, MeterProvider } from '@opentelemetry/api';
import { ATTR, BRAND_ATTRIBUTES, INSTRUMENTS, METER_NAME, METER_VERSION } from './instruments.js';

/** Outcome of one tool call: returned a result, failed (validation, business or upstream), or cancelled. */
export type ToolOutcome = 'success' | 'error' | 'cancelled';

/** Records MCP tool calls: a duration histogram and a call counter, by tool and outcome. */
export interface ToolMetrics {
	recordCall(tool: string, outcome: ToolOutcome, durationSeconds: number): void;
}

const noopMetrics: ToolMetrics = Object.freeze({ recordCall() {} });

/**
 * Tool-call metrics: `integrations.mcp.tool.duration` (s) and `integrations.mcp.tool.calls`, with
 * `tool` and `outcome` attributes only (never ids or arguments). No-op without a meter provider.
 */
export function createToolMetrics(meterProvider?: MeterProvider): ToolMetrics {
	if (!meterProvider) return noopMetrics;
	const meter = meterProvider.getMeter(METER_NAME, METER_VERSION);
	const durationSpec = INSTRUMENTS.toolDuration;
	const duration: Histogram = meter.createHistogram(durationSpec.name, {
		unit: durationSpec.unit,
		description: durationSpec.description,
		advice: { explicitBucketBoundaries: [...(durationSpec.buckets ?? [])] },
	});
	const calls: Counter = meter.createCounter(INSTRUMENTS.toolCalls.name, {
		unit: INSTRUMENTS.toolCalls.unit,
		description: INSTRUMENTS.toolCalls.description,
	});
	const attributeCache = new Map<string, Attributes>();
	const attributesOf = (tool: string, outcome: ToolOutcome): Attributes => {
		const key = `${tool} ${outcome}`;
		let attributes = attributeCache.get(key);
		if (!attributes) {
			attributes = Object.freeze({
				...BRAND_ATTRIBUTES,
				[ATTR.tool]: tool,
				[ATTR.outcome]: outcome,
			});
			attributeCache.set(key, attributes);
		}
		return attributes;
	};
	return {
		recordCall(tool, outcome, durationSeconds) {
			const attributes = attributesOf(tool, outcome);
			duration.record(durationSeconds, attributes);
			calls.add(1, attributes);
		},
	};
}

import { isSpanContextValid, type SpanContext, trace } from '@opentelemetry/api';

/** The span context of the active span, or `undefined` when no valid span is active. */
export function activeSpanContext(): SpanContext | undefined {
	const span = trace.getActiveSpan();
	if (span === undefined) return undefined;
	const context = span.spanContext();
	return isSpanContextValid(context) ? context : undefined;
}

/** The W3C `traceparent` header value of a span context (version 00). */
export function formatTraceparent(context: SpanContext): string {
	const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
	return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/** The W3C `tracestate` header value, or `undefined` when the span has none. */
export function formatTracestate(context: SpanContext): string | undefined {
	const state = context.traceState?.serialize();
	return state ? state : undefined;
}

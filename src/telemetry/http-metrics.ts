import type { Attributes, Histogram, MeterProvider } from '@opentelemetry/api';
import { ATTR, BRAND_ATTRIBUTES, INSTRUMENTS, METER_NAME, METER_VERSION } from './instruments.js';

/** Status class of an outbound request: `2xx`..`5xx`, or `error` when no response arrived. */
export type HttpStatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'error';

/** Records the duration of outbound HTTP requests (one data point per attempt). */
export interface HttpMetrics {
	/** @param statusCode - the response status, or `undefined` when the attempt got no response */
	recordRequest(method: string, statusCode: number | undefined, durationSeconds: number): void;
}

const noopMetrics: HttpMetrics = Object.freeze({ recordRequest() {} });

export function statusClassOf(statusCode: number | undefined): HttpStatusClass {
	if (statusCode === undefined || statusCode < 100 || statusCode > 599) return 'error';
	return `${Math.floor(statusCode / 100)}xx` as HttpStatusClass;
}

/**
 * HTTP client metrics: `integrations.http.client.request.duration` (s) with `method` and
 * `status_class` attributes only (never URLs, hosts or ids). No-op without a meter provider.
 */
export function createHttpMetrics(meterProvider?: MeterProvider): HttpMetrics {
	if (!meterProvider) return noopMetrics;
	const spec = INSTRUMENTS.httpDuration;
	const histogram: Histogram = meterProvider
		.getMeter(METER_NAME, METER_VERSION)
		.createHistogram(spec.name, {
			unit: spec.unit,
			description: spec.description,
			advice: { explicitBucketBoundaries: [...(spec.buckets ?? [])] },
		});
	const attributeCache = new Map<string, Attributes>();
	const attributesOf = (method: string, statusClass: HttpStatusClass): Attributes => {
		const key = `${method} ${statusClass}`;
		let attributes = attributeCache.get(key);
		if (!attributes) {
			attributes = Object.freeze({
				...BRAND_ATTRIBUTES,
				[ATTR.method]: method,
				[ATTR.statusClass]: statusClass,
			});
			attributeCache.set(key, attributes);
		}
		return attributes;
	};
	return {
		recordRequest(method, statusCode, durationSeconds) {
			histogram.record(durationSeconds, attributesOf(method, statusClassOf(statusCode)));
		},
	};
}

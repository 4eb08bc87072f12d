import type { IntegrationView } from '../schemas/index.js';
import type { IntegrationRecord } from '../store/index.js';

/** Scheme, host and path of a URL: no user info, query or fragment (they may carry secrets). */
export function displayEndpoint(url: URL): string {
	return `${url.protocol}//${url.host}${url.pathname}`;
}

const DISPLAY_CACHE_SIZE = 4096;
const displayCache = new Map<string, string>();

/** `displayEndpoint` of a stored endpoint string, memoized (bounded) so listings parse no URLs. */
function displayEndpointOf(endpoint: string): string {
	let display = displayCache.get(endpoint);
	if (display === undefined) {
		display = displayEndpoint(new URL(endpoint));
		if (displayCache.size >= DISPLAY_CACHE_SIZE) displayCache.clear();
		displayCache.set(endpoint, display);
	}
	return display;
}

/** The public view of a record: no header values, no secrets, endpoint without its query. */
export function toIntegrationView(record: IntegrationRecord): IntegrationView {
	const view: IntegrationView = {
		id: record.id,
		name: record.name,
		type: record.type,
		status: record.status,
		headerNames: Object.keys(record.headers),
		secretNames: [...record.secretNames],
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
	};
	if (record.endpoint !== undefined) view.endpoint = displayEndpointOf(record.endpoint);
	if (record.retryPolicy) {
		view.retryPolicy = {
			maxRetries: record.retryPolicy.maxRetries,
			backoffMs: record.retryPolicy.backoffMillis,
		};
	}
	if (record.lastTestedAt !== undefined) view.lastTestedAt = record.lastTestedAt;
	return view;
}

import type { Dispatcher } from 'undici';
import type { HttpMethod } from './http-retry-policy.js';

/** One outbound request, fully resolved (URL checked, credentials applied). */
export interface HttpRequestPlan {
	readonly method: HttpMethod;
	readonly url: URL;
	readonly headers: Readonly<Record<string, string>>;
	readonly body?: string;
}

/** What came back from one attempt; the body is read up to a byte cap. */
export interface HttpResponseSnapshot {
	readonly statusCode: number;
	readonly headers: Readonly<Record<string, string | string[] | undefined>>;
	readonly body: Buffer;
	/** True when the body was longer than the cap and was cut (the connection is then dropped). */
	readonly truncated: boolean;
}

/** Sends one request through a pooled dispatcher and reads at most `maxResponseBytes` of the body. */
export async function sendRequest(
	dispatcher: Dispatcher,
	plan: HttpRequestPlan,
	signal: AbortSignal,
	maxResponseBytes: number,
): Promise<HttpResponseSnapshot> {
	const response = await dispatcher.request({
		origin: plan.url.origin,
		path: `${plan.url.pathname}${plan.url.search}`,
		method: plan.method,
		headers: plan.headers,
		body: plan.body,
		signal,
	});
	const { body, truncated } = await readCapped(response.body, maxResponseBytes);
	return { statusCode: response.statusCode, headers: response.headers, body, truncated };
}

async function readCapped(
	stream: AsyncIterable<Buffer> & { destroy(): void },
	maxBytes: number,
): Promise<{ body: Buffer; truncated: boolean }> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		if (size + chunk.length > maxBytes) {
			chunks.push(chunk.subarray(0, maxBytes - size));
			stream.destroy();
			return { body: Buffer.concat(chunks), truncated: true };
		}
		chunks.push(chunk);
		size += chunk.length;
	}
	return { body: Buffer.concat(chunks), truncated: false };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

/**
 * The web-standard `Request` the SDK's handlers take, for a Node request whose body was already
 * read (its parsed value goes to the handler as `parsedBody`, so the `Request` carries none).
 * `signal` aborts the exchange when the client goes away.
 */
export function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
		if (Array.isArray(value)) for (const item of value) headers.append(name, item);
		else headers.set(name, value);
	}
	return new Request(`http://localhost${req.url ?? '/'}`, {
		method: req.method ?? 'GET',
		headers,
		signal,
	});
}

/** An `AbortSignal` that fires when the response closes before it was fully written. */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
	const controller = new AbortController();
	res.once('close', () => {
		if (!res.writableFinished) controller.abort();
	});
	return controller.signal;
}

/**
 * Writes the SDK's `Response`: a JSON answer in one write with its `Content-Length` (the latency
 * path: no chunked encoding, no stream pumping), an SSE stream chunk by chunk as it comes.
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
	const headers: Record<string, string> = {};
	for (const [name, value] of response.headers) headers[name] = value;
	if (response.body === null) {
		res.writeHead(response.status, headers).end();
		return;
	}
	if (!headers['content-type']?.startsWith('text/event-stream')) {
		const body = Buffer.from(await response.arrayBuffer());
		headers['content-length'] = String(body.length);
		res.writeHead(response.status, headers).end(body);
		return;
	}
	res.writeHead(response.status, headers);
	res.flushHeaders();
	// A client that goes away ends the pipeline early; the stream is cancelled, nothing to report.
	await pipeline(response.body, res).catch(() => {});
}

import type { IncomingMessage } from 'node:http';

/** What `readJsonBody` found: the parsed body, or the status to refuse the request with. */
export type JsonBody =
	| { readonly ok: true; readonly value: unknown }
	| { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/**
 * Reads a request body of at most `maxBytes` and parses it as JSON, once: the SDK's handlers take
 * the parsed value (`parsedBody`) instead of cloning and parsing the body again. A declared or
 * received length over the cap stops reading (413; the caller closes the connection).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
	const tooLarge: JsonBody = {
		ok: false,
		status: 413,
		message: `Payload Too Large: Request body must not exceed ${maxBytes} bytes`,
	};
	if (Number(req.headers['content-length']) > maxBytes) return Promise.resolve(tooLarge);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let received = 0;
		const stop = () => {
			req.off('data', onData).off('end', onEnd).off('error', reject).off('close', onClose);
		};
		const onData = (chunk: Buffer) => {
			received += chunk.length;
			chunks.push(chunk);
			if (received <= maxBytes) return;
			stop();
			req.pause();
			resolve(tooLarge);
		};
		const onEnd = () => {
			stop();
			resolve(parse(chunks));
		};
		// 'close' before 'end': the client went away mid-body.
		const onClose = () => {
			stop();
			reject(new Error('request aborted while its body was read'));
		};
		req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
	});
}

function parse(chunks: readonly Buffer[]): JsonBody {
	try {
		const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
		return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
	} catch {
		return { ok: false, status: 400, message: 'Parse error: Invalid JSON' };
	}
}

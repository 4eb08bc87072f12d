import { Transform, type TransformCallback } from 'node:stream';
import type { JSONRPCErrorResponse } from '@modelcontextprotocol/server';

/** The longest stdin line the CLI reads, newline included, in bytes (the MCP SDK's stdio limit). */
export const MAX_STDIO_LINE_BYTES = 10 * 1024 * 1024;

/** Bytes of a dropped line kept to find its request id. */
const HEAD_BYTES = 4096;
const NEWLINE = 0x0a;

/**
 * A stream between stdin and the stdio transport. Complete lines pass through, one per chunk, so
 * the transport never buffers more than one line; a line longer than `maxLineBytes` (newline
 * included) is dropped as it arrives, without being buffered, and `onOversized` gets its start.
 */
export function createLineLimiter(
	maxLineBytes: number,
	onOversized: (head: string) => void,
): Transform {
	let chunks: Buffer[] = [];
	let size = 0;
	let head: string | undefined; // set while dropping an oversized line
	const take = (part: Buffer) => {
		if (head !== undefined) return;
		chunks.push(part);
		size += part.length;
		if (size <= maxLineBytes) return;
		head = Buffer.concat(chunks).toString('utf8', 0, HEAD_BYTES);
		chunks = [];
		size = 0;
	};
	const endLine = (push: (line: Buffer) => void) => {
		if (head !== undefined) onOversized(head);
		else if (size > 0) push(Buffer.concat(chunks));
		chunks = [];
		size = 0;
		head = undefined;
	};
	return new Transform({
		transform(chunk: Buffer, _encoding, callback: TransformCallback) {
			let from = 0;
			for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, from)) {
				take(chunk.subarray(from, at + 1));
				endLine((line) => this.push(line));
				from = at + 1;
			}
			if (from < chunk.length) take(chunk.subarray(from));
			callback();
		},
		flush(callback: TransformCallback) {
			endLine((line) => this.push(line));
			callback();
		},
	});
}

/**
 * The JSON-RPC answer to a dropped line: `Invalid Request` with `ERR_LINE_TOO_LONG`, for the id
 * found at the start of the line (before `params`), or without an id when none is there.
 */
export function oversizedLineError(head: string, maxLineBytes: number): JSONRPCErrorResponse {
	const id = requestIdOf(head);
	return {
		jsonrpc: '2.0',
		...(id !== undefined && { id }),
		error: {
			code: -32600,
			message: `ERR_LINE_TOO_LONG: a message longer than ${maxLineBytes} bytes was dropped; send smaller arguments`,
		},
	} as JSONRPCErrorResponse;
}

function requestIdOf(head: string): string | number | undefined {
	const params = head.indexOf('"params"');
	const before = params === -1 ? head : head.slice(0, params);
	const match = /"id"\s*:\s*("(?:[^"\\]|\\.){0,256}"|-?\d{1,16})\s*[,}]/.exec(before);
	if (!match?.[1]) return undefined;
	try {
		return JSON.parse(match[1]) as string | number;
	} catch {
		return undefined;
	}
}

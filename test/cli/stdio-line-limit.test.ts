import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLineLimiter, oversizedLineError } from '../../src/cli/stdio-line-limit.js';

/** Feeds chunks and collects 'data' events, as the stdio transport reads them. */
async function run(chunks: readonly string[], maxLineBytes: number) {
	const dropped: string[] = [];
	const limiter = createLineLimiter(maxLineBytes, (head) => dropped.push(head));
	const lines: string[] = [];
	limiter.on('data', (line: Buffer) => lines.push(String(line)));
	const ended = new Promise((resolve) => limiter.once('end', resolve));
	Readable.from(chunks.map((c) => Buffer.from(c))).pipe(limiter);
	await ended;
	return { lines, dropped };
}

describe('createLineLimiter', () => {
	it('passes complete lines through one per chunk, however the input is split', async () => {
		const { lines, dropped } = await run(['{"a":1}\n{"b"', ':2}\n{"c":3}\n'], 64);
		expect(lines).toEqual(['{"a":1}\n', '{"b":2}\n', '{"c":3}\n']);
		expect(dropped).toEqual([]);
	});

	it('drops a line over the limit, reports its start, and keeps the lines around it', async () => {
		const long = `{"id":7,"pad":"${'x'.repeat(100)}"}\n`;
		const { lines, dropped } = await run(
			['{"a":1}\n', long.slice(0, 40), long.slice(40), '{"b":2}\n'],
			64,
		);
		expect(lines).toEqual(['{"a":1}\n', '{"b":2}\n']);
		expect(dropped).toHaveLength(1);
		expect(dropped[0]?.startsWith('{"id":7,')).toBe(true);
	});

	it('passes a final line without a newline, and reports an unfinished oversized one', async () => {
		expect((await run(['{"a":1}'], 64)).lines).toEqual(['{"a":1}']);
		expect((await run(['x'.repeat(100)], 64)).dropped).toHaveLength(1);
	});
});

describe('oversizedLineError', () => {
	it('answers the request id found before params, or none', () => {
		expect(
			oversizedLineError('{"jsonrpc":"2.0","id":"r-1","method":"x","params":{"id":9', 10),
		).toMatchObject({
			id: 'r-1',
			error: { code: -32600, message: expect.stringMatching(/^ERR_LINE_TOO_LONG/) },
		});
		expect(oversizedLineError('{"method":"x","params":{"id":9', 10)).not.toHaveProperty('id');
		expect(oversizedLineError('{"id":42,"method":"x"', 10)).toMatchObject({ id: 42 });
	});
});

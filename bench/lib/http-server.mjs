#!/usr/bin/env node
// A local node:http server for the HTTP question, run in its own process so it has a core of its
// own: keep-alive, a small JSON answer to every request. Prints `PORT=<n>` once listening; exits
// when its stdin closes (so it never outlives the benchmark).
import { createServer } from 'node:http';

const body = JSON.stringify({
	id: 'item-1',
	name: 'Example item',
	updatedAt: '2026-01-01T00:00:00.000Z',
	tags: ['a', 'b', 'c'],
	amount: 1234,
});

const server = createServer((req, res) => {
	req.resume();
	req.on('end', () => {
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
		res.end(body);
	});
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`PORT=${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));

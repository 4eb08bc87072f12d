import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the local server saw it. */
export interface SeenRequest {
	readonly method: string;
	readonly url: string;
	readonly headers: IncomingMessage['headers'];
	readonly body: string;
	readonly socketId: number;
	readonly at: number;
}

export type LocalHandler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

/** A real node:http server on 127.0.0.1 that counts sockets and records requests. */
export interface LocalHttpServer {
	readonly url: string;
	readonly requests: SeenRequest[];
	/** Sockets accepted so far. */
	readonly connectionCount: number;
	close(): Promise<void>;
}

export async function startLocalServer(handler: LocalHandler): Promise<LocalHttpServer> {
	let connections = 0;
	const requests: SeenRequest[] = [];
	const socketIds = new WeakMap<object, number>();
	const server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const seen: SeenRequest = {
			method: req.method ?? '',
			url: req.url ?? '',
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			socketId: socketIds.get(req.socket) ?? -1,
			at: Date.now(),
		};
		requests.push(seen);
		await handler(seen, res);
	});
	server.on('connection', (socket) => {
		connections++;
		socketIds.set(socket, connections);
	});
	server.keepAliveTimeout = 10_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		get connectionCount() {
			return connections;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

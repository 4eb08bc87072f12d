// A local HTTP service on 127.0.0.1 standing in for a SaaS API: bearer-token auth, a few
// milliseconds of latency, JSON resources. Used by the demo (`npm start`) and its test.
import { createServer } from 'node:http';

/**
 * Starts the stand-in API. `tokens` maps a bearer token to a tenant name; requests without a known
 * token get 401. Resolves with `{ url, close(), stats }` where stats counts requests and sockets.
 */
export async function startSaasServer({ tokens, latencyMillis = 3 } = {}) {
	const stats = { requests: 0, sockets: 0, unauthorized: 0 };
	const items = new Map();
	const server = createServer((req, res) => {
		stats.requests++;
		const tenant = tokens[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
		if (!tenant) {
			stats.unauthorized++;
			return send(res, 401, { error: 'unauthorized' });
		}
		const timer = setTimeout(() => route(req, res, tenant, items), latencyMillis);
		timer.unref();
	});
	server.on('connection', () => stats.sockets++);
	server.keepAliveTimeout = 10_000;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		stats,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function route(req, res, tenant, items) {
	const url = new URL(req.url ?? '/', 'http://local');
	if (url.pathname === '/' || url.pathname === '/health')
		return send(res, 200, { ok: true, tenant });
	if (url.pathname === '/v1/items' && req.method === 'GET') {
		return send(res, 200, {
			tenant,
			items: [...items.values()].filter((i) => i.tenant === tenant),
		});
	}
	if (url.pathname === '/v1/items' && req.method === 'POST') {
		return readJson(req).then((body) => {
			const item = { id: `item-${items.size + 1}`, tenant, ...body };
			items.set(item.id, item);
			send(res, 201, item);
		});
	}
	return send(res, 404, { error: 'not found' });
}

function readJson(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
			} catch {
				resolve({});
			}
		});
	});
}

function send(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

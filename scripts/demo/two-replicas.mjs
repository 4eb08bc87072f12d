#!/usr/bin/env node
// Two replicas, no shared memory, one nats-server: `npm run demo:replicas` (builds first).
// Starts a nats-server with JetStream on a free port, two `cortex-integrations mcp --http … --store
// nats://…` processes with the same token and key, and a local HTTP target; then, with the official
// MCP client over Streamable HTTP, creates an integration on replica A, lists and executes it on
// replica B, and shows that the KV bucket holds no credential in clear. Needs nats-server on PATH
// (`apt-get install -y nats-server`).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TOKEN = randomBytes(24).toString('hex');
const KEY = randomBytes(32).toString('base64');
const SECRET = `sk_live_${randomBytes(12).toString('hex')}`;
const children = [];
const say = (line) => process.stdout.write(`${line}\n`);

async function main() {
	const nats = await startNats();
	const target = await startTarget();
	try {
		const [a, b] = await Promise.all([startReplica(nats.url), startReplica(nats.url)]);
		say(`replica A ${a}\nreplica B ${b}\nnats      ${nats.url}`);
		const [clientA, clientB] = await Promise.all([connect(a), connect(b)]);
		const created = await call(clientA, 'create_integration', {
			name: 'billing',
			type: 'api',
			config: { endpoint: target.url, credentials: { token: SECRET } },
		});
		const id = created.integration.id;
		say(`A: create_integration → ${id} (${created.integration.status})`);
		const page = await call(clientB, 'list_integrations', {});
		say(`B: list_integrations → ${page.integrations.map((i) => i.name).join(', ')}`);
		const executed = await call(clientB, 'execute_integration', {
			integrationId: id,
			operation: 'GET /invoices',
		});
		say(`B: execute_integration → ${executed.statusCode}, target saw ${target.lastAuth()}`);
		say(`credential in clear on NATS: ${nats.contains(SECRET) ? 'YES (bug)' : 'no'}`);
		await Promise.all([clientA.close(), clientB.close()]);
	} finally {
		for (const child of children) child.kill('SIGTERM');
		target.close();
		nats.stop();
	}
}

async function startNats() {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'nats-demo-'));
	const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir]);
	child.on('error', (error) => {
		console.error(`nats-server: ${error.message} (apt-get install -y nats-server)`);
		process.exit(1);
	});
	await untilAccepting(port);
	const grep = (text) => spawnSync('grep', ['-rqF', text, dir]).status === 0;
	return {
		url: `nats://127.0.0.1:${port}`,
		contains: (text) => grep(text) || grep(Buffer.from(text).toString('base64')),
		stop() {
			child.kill('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function startReplica(natsUrl) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('INTEGRATIONS_')),
	);
	const child = spawn(process.execPath, [CLI, 'mcp', '--http', '127.0.0.1:0', '--store', natsUrl], {
		env: { ...env, INTEGRATIONS_MCP_TOKEN: TOKEN, INTEGRATIONS_SECRET_KEY: KEY, LOG_LEVEL: 'info' },
	});
	children.push(child);
	let stderr = '';
	return new Promise((resolve, reject) => {
		child.stderr.on('data', (chunk) => {
			stderr += String(chunk);
			const found = /"url":"(http:[^"]+)"/.exec(stderr);
			if (found) resolve(found[1]);
		});
		child.once('exit', (code) => reject(new Error(`replica exited ${code}: ${stderr}`)));
	});
}

async function connect(url) {
	const client = new Client({ name: 'two-replicas-demo', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
	});
	await client.connect(transport);
	return client;
}

async function call(client, name, args) {
	const result = await client.callTool({ name, arguments: args });
	if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
	return result.structuredContent;
}

async function startTarget() {
	let auth = '';
	const server = createServer((req, res) => {
		auth = req.headers.authorization ? 'a bearer token' : 'no token';
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ invoices: [] }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/api`,
		lastAuth: () => auth,
		close: () => server.close(),
	};
}

async function untilAccepting(port) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const open = await new Promise((resolve) => {
			const socket = connectTcp(port, '127.0.0.1', () => resolve(true)).once('error', () =>
				resolve(false),
			);
			socket.unref();
			setTimeout(() => socket.destroy(), 100).unref();
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`nats-server did not listen on ${port}`);
}

async function freePort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

main().catch((error) => {
	console.error(error);
	for (const child of children) child.kill('SIGKILL');
	process.exit(1);
});

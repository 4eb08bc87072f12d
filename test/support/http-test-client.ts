import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { expect } from 'vitest';

/** The credential the test targets require; it must never appear in a result. */
export const SECRET = 'http-SENTINEL-77c2';

/** Bearer tokens of the tests (b64token, ≥ 16 characters). */
export const TOKEN_A = 'token-a-8c1f5e0b2d7a4e39';
export const TOKEN_B = 'token-b-3f9e2a61c0d84b57';

/** An answer as a raw node:http client saw it. */
export interface RawAnswer {
	readonly status: number;
	readonly headers: Record<string, string | string[] | undefined>;
	readonly body: string;
}

/**
 * Sends one request with exactly the headers given (Host and Origin included, which fetch would
 * not let a test forge), over a fresh connection.
 */
export function rawRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = request(url, {
			method: options.method ?? 'POST',
			headers: options.headers,
			agent: false,
		});
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: Buffer.concat(chunks).toString(),
				}),
			);
		});
		req.end(options.body);
	});
}

/** Headers of a JSON-RPC POST to /mcp, as a 2025-era client sends them. */
export function mcpHeaders(extra: Record<string, string> = {}): Record<string, string> {
	return {
		'content-type': 'application/json',
		accept: 'application/json, text/event-stream',
		'mcp-protocol-version': '2025-11-25',
		...extra,
	};
}

/** A `tools/call` of list_integrations, as a body. */
export const LIST_CALL = JSON.stringify({
	jsonrpc: '2.0',
	id: 1,
	method: 'tools/call',
	params: { name: 'list_integrations', arguments: {} },
});

/** The official v2 client over Streamable HTTP with a bearer token. */
export async function connectClient(
	url: string,
	token: string,
	mode: 'legacy' | 'auto' = 'legacy',
): Promise<Client> {
	const client = new Client(
		{ name: 'http-test', version: '1.0.0' },
		{ versionNegotiation: { mode } },
	);
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		requestInit: { headers: { authorization: `Bearer ${token}` } },
	});
	await client.connect(transport);
	return client;
}

export const structured = <T>(result: unknown) =>
	(result as { structuredContent: T }).structuredContent;

export type ToolClient = {
	callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
};

/** create → test → execute → list → monitor, each checked. */
export async function runAllFiveTools(client: ToolClient, endpoint: string) {
	const created = await client.callTool({
		name: 'create_integration',
		arguments: { name: 'crm', type: 'api', config: { endpoint, credentials: { token: SECRET } } },
	});
	const id = structured<{ integration: { id: string } }>(created).integration.id;
	const tested = await client.callTool({
		name: 'test_integration',
		arguments: { integrationId: id, testType: 'full' },
	});
	expect(structured(tested)).toMatchObject({ passed: true, status: 'active' });
	const executed = await client.callTool({
		name: 'execute_integration',
		arguments: { integrationId: id, operation: 'GET /deals' },
	});
	expect(structured(executed)).toMatchObject({ statusCode: 200, body: { path: '/v2/deals' } });
	const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
	expect(structured(listed)).toMatchObject({ total: 1 });
	const monitored = await client.callTool({
		name: 'monitor_integration',
		arguments: { integrationId: id },
	});
	expect(structured(monitored)).toMatchObject({ sampleCount: 1, successRate: 1 });
	for (const result of [created, tested, executed, listed, monitored]) {
		expect(JSON.stringify(result)).not.toContain(SECRET);
	}
}

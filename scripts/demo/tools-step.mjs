// Step 2 of the demo: the official MCP client drives the library's MCP server (in-process) through
// create → test → execute → list → monitor for two integrations against the stand-in SaaS API.
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createIntegrationsMcpServer } from '../../dist/mcp.js';

export async function runToolSteps({ runtime, saasUrl, tokens, terminal }) {
	const server = createIntegrationsMcpServer(runtime);
	const client = new Client({ name: 'integrations-demo', version: '1.0.0' });
	const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
	await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
	const steps = [];
	const call = async (name, args, brief) => {
		const t0 = performance.now();
		const result = await client.callTool({ name, arguments: args });
		const millis = performance.now() - t0;
		const data = result.structuredContent ?? {};
		const step = { tool: name, ok: !result.isError, millis, summary: brief(data, result) };
		steps.push(step);
		terminal.line(`  ${step.ok ? '✓' : '✗'} ${name.padEnd(20)} ${step.summary}`.slice(0, 79));
		return data;
	};
	const { tools } = await client.listTools();
	terminal.line(
		`  tools/list: ${tools.length} tools (${tools.map((t) => t.name.split('_')[0]).join(', ')})`,
	);
	for (const [name, token] of [
		['crm', tokens.crm],
		['billing', tokens.billing],
	]) {
		await integrationFlow(call, name, token, saasUrl);
	}
	await call('list_integrations', { limit: 10 }, (d) => `${d.total} integrations`);
	await client.close();
	return { tools: tools.map((t) => t.name), steps };
}

async function integrationFlow(call, name, token, saasUrl) {
	const created = await call(
		'create_integration',
		{ name, type: 'api', config: { endpoint: saasUrl, credentials: { token } } },
		(d) => `${name}: id ${d.integration?.id?.slice(0, 8)}…, ${d.integration?.status}`,
	);
	const integrationId = created.integration.id;
	await call(
		'test_integration',
		{ integrationId, testType: 'full' },
		(d) =>
			`${name}: ${d.passed ? 'passed' : 'failed'}, ${d.checks?.filter((c) => c.passed).length}/${d.checks?.length} checks`,
	);
	for (let i = 0; i < 3; i++) {
		await call(
			'execute_integration',
			{ integrationId, operation: 'POST /v1/items', payload: { n: i } },
			(d) => `${name}: ${d.method} ${d.statusCode} in ${Math.round(d.durationMillis)} ms`,
		);
	}
	await call(
		'execute_integration',
		{ integrationId, operation: 'GET /v1/items' },
		(d) => `${name}: GET ${d.statusCode}, ${d.body?.items?.length ?? 0} items`,
	);
	await call(
		'monitor_integration',
		{ integrationId },
		(d) =>
			`${name}: p95 ${d.latency?.p95Millis?.toFixed(1)} ms, ok ${Math.round((d.successRate ?? 0) * 100)} %`,
	);
}

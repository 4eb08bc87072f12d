#!/usr/bin/env node
// `npm start`: the whole library working, as a person would see it.
//   1. a stand-in SaaS API on 127.0.0.1 (bearer auth, a few ms of latency);
//   2. the official MCP client drives the library's MCP server: create, test, execute, list, monitor;
//   3. a webhook burst through the publisher, batching mode then sync mode (or onto NATS: --nats URL);
//   4. one summary table, plus the OpenTelemetry metrics read through an SDK reader.
// Flags: --events N (default 200000), --json (one JSON document on stdout), --nats nats://host:port
import { parseArgs } from 'node:util';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { createInProcessBus, createIntegrationsPublisher } from '../../dist/index.js';
import { createIntegrationsRuntime } from '../../dist/mcp.js';
import { makeWebhookBurst, runBurst } from './burst.mjs';
import { natsTarget } from './nats-target.mjs';
import { startSaasServer } from './saas-server.mjs';
import { printSummary, readMetrics } from './summary.mjs';
import { createTerminal } from './terminal.mjs';

const { values: args } = parseArgs({
	options: {
		events: { type: 'string', default: '200000' },
		json: { type: 'boolean', default: false },
		nats: { type: 'string' },
	},
});
const eventCount = Number(args.events);
if (!Number.isSafeInteger(eventCount) || eventCount < 1) {
	console.error(`--events must be a positive integer, got ${args.events}`);
	process.exit(2);
}

class DemoReader extends MetricReader {
	async onForceFlush() {}
	async onShutdown() {}
}

const terminal = createTerminal({ json: args.json });
const reader = new DemoReader();
const meterProvider = new MeterProvider({ readers: [reader] });
const tokens = { crm: 'demo-token-crm', billing: 'demo-token-billing' };

terminal.heading('@cortex-os/integrations — demo');
const saas = await startSaasServer({
	tokens: { [tokens.crm]: 'acme', [tokens.billing]: 'globex' },
});
terminal.line(`  stand-in SaaS API on ${saas.url} (bearer auth, ~3 ms latency)`);

terminal.heading('1. MCP tools (official client → in-process MCP server)');
const toolEvents = createIntegrationsPublisher({ batching: { enabled: true }, meterProvider });
const runtime = createIntegrationsRuntime({ events: toolEvents, meterProvider });
const { runToolSteps } = await import('./tools-step.mjs');
const tools = await runToolSteps({ runtime, saasUrl: saas.url, tokens, terminal });
await toolEvents.flush();

terminal.heading(`2. Webhook burst: ${eventCount.toLocaleString('en-US')} events, 1 % invalid`);
const events = makeWebhookBurst(eventCount);
const bursts = {};
for (const mode of ['batching', 'sync']) {
	const target = args.nats ? await natsTarget(args.nats) : inProcessTarget();
	const publisher = createIntegrationsPublisher({
		bus: target.bus,
		meterProvider,
		batching: {
			enabled: mode === 'batching',
			maxQueueSize: 100_000,
			validation: 'inline',
			// Batch size and flushes in flight: the bus's own batchingDefaults (NATS: 1,024 × 4).
		},
	});
	const label = `${mode}${args.nats ? ' → NATS' : ''}`;
	bursts[mode] = await runBurst({ publisher, listen: target.listen, events, label, terminal });
	await publisher.close();
	await target.close();
}

const metrics = await readMetrics(reader);
await runtime.close();
await toolEvents.close();
await saas.close();
await meterProvider.shutdown();

const report = {
	events: eventCount,
	bus: args.nats ? 'nats' : 'in-process',
	tools,
	bursts,
	metrics,
};
if (args.json) console.log(JSON.stringify(report, null, 2));
else printSummary(terminal, report, toolEvents.stats());

function inProcessTarget() {
	const bus = createInProcessBus();
	return {
		bus,
		listen: async (onEnvelope) => bus.subscribe('*', onEnvelope),
		close: async () => {},
	};
}

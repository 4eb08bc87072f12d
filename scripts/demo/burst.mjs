// Step 3 of the demo: a webhook burst through the publisher (batching or sync mode), measured:
// throughput, emit → delivered latency, event-loop delay, main-thread CPU, and the accounting.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { mainThreadCpuNanos, percentiles, startLoopDelay } from '../../bench/lib/measure.mjs';

const TOPIC = 'integrations.webhook.received';
const CHUNK = 2_000;

/** `count` webhook events: 1 % invalid, priorities 10 % high, 20 % low, the rest normal. */
export function makeWebhookBurst(count) {
	const events = new Array(count);
	for (let i = 0; i < count; i++) {
		const data = {
			integrationId: `int-${i % 2 ? 'crm' : 'billing'}`,
			webhookId: `wh-${i}`,
			source: i % 2 ? 'hubspot' : 'stripe',
			event: i % 3 ? 'contact.updated' : 'invoice.paid',
			payloadSize: 256 + (i % 4096),
			processed: false,
			receivedAt: new Date(1_760_000_000_000 + i).toISOString(),
		};
		if (i % 100 === 99) data.payloadSize = -1; // invalid: 1 %
		events[i] = { data, priority: i % 10 === 0 ? 'high' : i % 5 === 1 ? 'low' : 'normal' };
	}
	return events;
}

/** Runs one burst; `listen(onEnvelope)` attaches a subscriber and returns its stop function. */
export async function runBurst({ publisher, listen, events, label, terminal }) {
	const emittedAt = new Float64Array(events.length);
	const latencies = new Float64Array(events.length);
	let received = 0;
	const stopListening = await listen((envelope) => {
		const seq = Number(envelope.data.webhookId.slice(3));
		latencies[received++] = performance.now() - emittedAt[seq];
	});
	const stopLoopDelay = startLoopDelay();
	const cpu0 = mainThreadCpuNanos();
	const t0 = performance.now();
	await emitAll(publisher, events, emittedAt, label, terminal);
	await publisher.flush();
	const seconds = (performance.now() - t0) / 1000;
	const cpuNanos = mainThreadCpuNanos() - cpu0;
	const loopDelay = stopLoopDelay();
	await waitFor(() => received >= publisher.stats().delivered, 10_000);
	await stopListening();
	return summarize({ publisher, events, seconds, cpuNanos, loopDelay, latencies, received });
}

async function emitAll(publisher, events, emittedAt, label, terminal) {
	for (let start = 0; start < events.length; start += CHUNK) {
		const end = Math.min(events.length, start + CHUNK);
		let pressure = false;
		for (let i = start; i < end; i++) {
			const { data, priority } = events[i];
			emittedAt[i] = performance.now();
			try {
				if (publisher.emit(TOPIC, data, { priority }) === 'backpressure') pressure = true;
			} catch {
				// Sync mode throws the ZodError for an invalid event, as upstream; it is counted.
			}
		}
		terminal.progress(label, end, events.length);
		if (pressure) await publisher.ready();
		else await yieldToLoop();
	}
}

function summarize({ publisher, events, seconds, cpuNanos, loopDelay, latencies, received }) {
	const stats = publisher.stats();
	const latency = percentiles(latencies, received);
	return {
		events: events.length,
		eventsPerSecond: Math.round(events.length / seconds),
		latencyMillis: { p50: latency.p50, p95: latency.p95, p99: latency.p99 },
		loopDelayMillis: loopDelay,
		cpuMillisPer100Events: cpuNanos / 1e6 / (events.length / 100),
		received,
		accounting: {
			offered: stats.offered,
			delivered: stats.delivered,
			invalid: stats.invalid,
			dropped: stats.dropped,
			deadLettered: stats.deadLettered,
			pending: stats.pending,
		},
	};
}

async function waitFor(condition, timeoutMillis) {
	const deadline = Date.now() + timeoutMillis;
	while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

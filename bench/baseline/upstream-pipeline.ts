// The upstream-equivalent publish path, per event, as Cortex-OS packages do it today:
// `schema.parse` (zod 3) → `createEnvelope` (a zod 3 parse of the A2A Envelope, id `randomUUID`,
// time now) → `await transport.publish(envelope)` on the `inproc` transport (handlers awaited in turn).
// Replicas of @cortex-os/a2a-contracts `envelope.ts` and @cortex-os/a2a-transport `inproc.ts`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v3';
import { createIntegrationsEvent } from './upstream-integrations.js';

export const Envelope = z
	.object({
		id: z.string().min(1),
		type: z.string().min(1),
		source: z
			.string()
			.min(1)
			.refine((src) => {
				try {
					new URL(src);
					return true;
				} catch {
					return false;
				}
			}),
		specversion: z.literal('1.0'),
		datacontenttype: z.string().optional(),
		dataschema: z.string().url().optional(),
		subject: z.string().optional(),
		time: z.string().datetime().optional(),
		causationId: z.string().uuid().optional(),
		correlationId: z.string().uuid().optional(),
		ttlMs: z.number().int().positive().default(60000),
		headers: z.record(z.string()).default({}),
		traceparent: z.string().optional(),
		tracestate: z.string().optional(),
		baggage: z.string().optional(),
		data: z.unknown().optional(),
	})
	.transform((e) => ({ ...e, time: e.time ?? new Date().toISOString() }));

export type UpstreamEnvelope = z.infer<typeof Envelope>;

export function createEnvelope(params: { type: string; source: string; data: unknown }) {
	return Envelope.parse({
		id: randomUUID(),
		type: params.type,
		source: params.source,
		specversion: '1.0',
		time: new Date().toISOString(),
		datacontenttype: 'application/json',
		ttlMs: 60000,
		headers: {},
		data: params.data,
	});
}

type Handler = (msg: UpstreamEnvelope) => Promise<void>;

/** The `inproc()` transport: publish awaits every handler of the type in turn, catching errors. */
export function inproc() {
	const subs = new Map<string, Set<Handler>>();
	return {
		async publish(msg: UpstreamEnvelope): Promise<void> {
			for (const handler of subs.get(msg.type) ?? []) {
				try {
					await handler(msg);
				} catch (error) {
					void error;
				}
			}
		},
		async subscribe(types: string[], onMsg: Handler) {
			for (const type of types) {
				if (!subs.has(type)) subs.set(type, new Set());
				subs.get(type)!.add(onMsg);
			}
			return async () => {
				for (const type of types) subs.get(type)?.delete(onMsg);
			};
		},
	};
}

type Kind = keyof typeof createIntegrationsEvent;

/** Publishes one event the upstream way; throws the ZodError on invalid input. */
export async function publishUpstream(
	transport: ReturnType<typeof inproc>,
	kind: Kind,
	data: unknown,
): Promise<void> {
	const event = createIntegrationsEvent[kind](data as never);
	await transport.publish(
		createEnvelope({ type: event.type, source: 'urn:cortex:integrations', data: event.data }),
	);
}

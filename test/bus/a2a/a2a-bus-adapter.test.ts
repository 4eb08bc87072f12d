import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	type A2AEnvelope,
	type A2ATransport,
	createA2ABusAdapter,
} from '../../../src/bus/a2a/index.js';
import { BRAND, BRAND_HEADER } from '../../../src/events/index.js';
import type { IntegrationsEnvelope } from '../../../src/index.js';
import { A2AEnvelopeSchema } from '../../support/a2a-envelope-schema.js';
import { deferred } from '../../support/deferred.js';
import { KINDS, makeEnvelope, makeEnvelopes } from '../../support/make-envelope.js';

/** A transport that records what it received and rejects the envelopes whose id is in `failIds`. */
function recordingTransport(failIds: ReadonlySet<string> = new Set()) {
	const received: A2AEnvelope[] = [];
	const transport: A2ATransport = {
		async publish(envelope) {
			await Promise.resolve();
			if (failIds.has(envelope.id)) throw new Error(`refused ${envelope.id}`);
			received.push(envelope);
		},
		subscribe: async () => async () => {},
		terminate: vi.fn(async () => {}),
	};
	return { transport, received };
}

function failedIndexes(
	result: Awaited<ReturnType<ReturnType<typeof createA2ABusAdapter>['publishBatch']>>,
) {
	return result ? result.failed.map((f) => f.index) : [];
}

afterEach(() => {
	vi.useRealTimers();
});

describe('createA2ABusAdapter', () => {
	it('reports exactly the indexes whose publish the transport rejected, and the retry delivers them', async () => {
		const batch = makeEnvelopes(100);
		const failing = [0, 3, 17, 50, 99];
		const failIds = new Set(failing.map((i) => batch[i]!.id));
		const { transport, received } = recordingTransport(failIds);
		const bus = createA2ABusAdapter({ transport, maxConcurrentPublishes: 8 });

		const result = await bus.publishBatch(batch);

		expect(failedIndexes(result)).toEqual(failing);
		for (const failure of result ? result.failed : []) {
			expect(failure.error).toMatchObject({ code: 'ERR_BUS_PUBLISH', retryable: true });
			expect((failure.error as Error).cause).toBeInstanceOf(Error);
		}
		expect(received).toHaveLength(95);
		failIds.clear();
		const retry = await bus.publishBatch(failing.map((i) => batch[i]!));
		expect(retry).toBeUndefined();
		expect(new Set(received.map((e) => e.id))).toEqual(new Set(batch.map((e) => e.id)));
	});

	it('emits envelopes that satisfy the A2A Envelope schema and keep every field', async () => {
		const { transport, received } = recordingTransport();
		const bus = createA2ABusAdapter({ transport });
		const correlationId = crypto.randomUUID();
		const batch = [
			...makeEnvelopes(8),
			makeEnvelope('connected', { correlationId, causationId: crypto.randomUUID() }),
			makeEnvelope('dataSynced', {
				traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
				tracestate: 'vendor=1',
				headers: { [BRAND_HEADER]: BRAND, 'x-tenant': 'acme' },
			}),
		];

		expect(await bus.publishBatch(batch)).toBeUndefined();

		const byId = new Map(received.map((e) => [e.id, e]));
		for (const original of batch) {
			const emitted = byId.get(original.id)!;
			expect(A2AEnvelopeSchema.parse(emitted)).toEqual(emitted);
			expect(emitted).toEqual({ ...original, headers: { ...original.headers } });
			expect(emitted.id).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			expect(emitted.headers[BRAND_HEADER]).toBe(BRAND);
		}
	});

	it('conforms to the A2A schema for any valid envelope (property)', async () => {
		const { transport, received } = recordingTransport();
		const bus = createA2ABusAdapter({ transport, ttlMillis: 5_000 });
		const arbitrary = fc.record({
			kind: fc.constantFrom(...KINDS),
			source: fc.constantFrom('urn:cortex:integrations', 'https://cortex-os.dev/integrations'),
			subject: fc.option(fc.string(), { nil: undefined }),
			correlationId: fc.option(fc.uuid(), { nil: undefined }),
			headers: fc.dictionary(
				fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'),
				fc.string(),
			),
		});
		await fc.assert(
			fc.asyncProperty(arbitrary, async ({ kind, headers, ...rest }) => {
				received.length = 0;
				const envelope = makeEnvelope(kind, {
					...rest,
					headers: { ...headers, [BRAND_HEADER]: BRAND },
				});
				expect(await bus.publishBatch([envelope])).toBeUndefined();
				const emitted = A2AEnvelopeSchema.parse(received[0]);
				expect(emitted.ttlMs).toBe(5_000);
				expect(emitted.headers).toEqual({ ...headers, [BRAND_HEADER]: BRAND });
			}),
			{ numRuns: 200 },
		);
	});

	it.each([
		['source', { source: '/integrations' }],
		['id', { id: 'not-a-uuid' }],
		['correlationId', { correlationId: 'req-123' }],
		['causationId', { causationId: 'cause' }],
		['time', { time: '2025-10-01 12:00' }],
		['ttlMs', { ttlMs: 0 }],
		['dataschema', { dataschema: 'schemas/v1' }],
		['headers', { headers: JSON.parse('{"__proto__":"x","brainwav-brand":"brAInwav"}') }],
	] as const)(
		'fails an envelope whose %s breaks an A2A rule with ERR_INVALID_ENVELOPE, without publishing it',
		async (rule, override) => {
			const { transport, received } = recordingTransport();
			const bus = createA2ABusAdapter({ transport });
			const batch = [makeEnvelope(), makeEnvelope('connected', override), makeEnvelope()];

			const result = await bus.publishBatch(batch);

			expect(failedIndexes(result)).toEqual([1]);
			expect(result?.failed[0]?.error).toMatchObject({
				code: 'ERR_INVALID_ENVELOPE',
				rule,
				retryable: false,
			});
			expect(received.map((e) => e.id)).toEqual([batch[0]!.id, batch[2]!.id]);
		},
	);

	it('hands each publish a fresh envelope, so a bus that mutates it leaves the caller’s envelope intact', async () => {
		const seen: A2AEnvelope[] = [];
		// Like Cortex-OS createBus: validates, then mutates correlationId and headers before sending.
		const bus = createA2ABusAdapter({
			publish: async (envelope) => {
				A2AEnvelopeSchema.parse(envelope);
				envelope.correlationId ??= envelope.id;
				envelope.headers.authorization = 'Bearer x';
				seen.push(envelope);
			},
		});
		const envelope = makeEnvelope();

		expect(await bus.publishBatch([envelope, envelope])).toBeUndefined();

		expect(seen[0]).not.toBe(seen[1]);
		expect(seen[0]!.headers).not.toBe(seen[1]!.headers);
		expect(envelope.correlationId).toBeUndefined();
		expect(envelope.headers).toEqual({ [BRAND_HEADER]: BRAND });
	});

	it('never has more than maxConcurrentPublishes publishes in flight, across concurrent batches', async () => {
		let active = 0;
		let maxActive = 0;
		const bus = createA2ABusAdapter({
			maxConcurrentPublishes: 5,
			publish: async () => {
				active++;
				maxActive = Math.max(maxActive, active);
				await new Promise((resolve) => setImmediate(resolve));
				active--;
			},
		});

		const results = await Promise.all([
			bus.publishBatch(makeEnvelopes(40)),
			bus.publishBatch(makeEnvelopes(40)),
			bus.publishBatch(makeEnvelopes(40)),
		]);

		expect(results).toEqual([undefined, undefined, undefined]);
		expect(maxActive).toBe(5);
	});

	it('reports a publish that throws synchronously as that item’s failure', async () => {
		const batch = makeEnvelopes(3);
		const bus = createA2ABusAdapter({
			publish: (envelope) => {
				if (envelope.id === batch[1]!.id) throw new TypeError('sync boom');
			},
		});

		const result = await bus.publishBatch(batch);

		expect(failedIndexes(result)).toEqual([1]);
		expect(result?.failed[0]?.error).toMatchObject({ code: 'ERR_BUS_PUBLISH' });
	});

	it('reports a publish that never settles as failed with ERR_BUS_TIMEOUT after publishTimeoutMillis', async () => {
		vi.useFakeTimers();
		const batch = makeEnvelopes(3);
		const bus = createA2ABusAdapter({
			publishTimeoutMillis: 1_000,
			publish: (envelope) => (envelope.id === batch[2]!.id ? new Promise(() => {}) : undefined),
		});

		const pending = bus.publishBatch(batch);
		await vi.advanceTimersByTimeAsync(999);
		let settled = false;
		void pending.then(() => {
			settled = true;
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		const result = await pending;

		expect(failedIndexes(result)).toEqual([2]);
		expect(result?.failed[0]?.error).toMatchObject({
			code: 'ERR_BUS_TIMEOUT',
			timeoutMillis: 1_000,
		});
	});

	it('close() waits for batches in flight, then rejects new batches with ERR_BUS_CLOSED', async () => {
		const gate = deferred();
		const { transport } = recordingTransport();
		const bus = createA2ABusAdapter({
			publish: async (envelope) => {
				await gate.promise;
				await transport.publish(envelope);
			},
		});
		const inFlight = bus.publishBatch(makeEnvelopes(4));
		let closed = false;
		const closing = bus.close!().then(() => {
			closed = true;
		});

		await new Promise((resolve) => setImmediate(resolve));
		expect(closed).toBe(false);
		await expect(bus.publishBatch(makeEnvelopes(1))).rejects.toMatchObject({
			code: 'ERR_BUS_CLOSED',
		});
		gate.resolve();
		expect(await inFlight).toBeUndefined();
		await closing;
		expect(closed).toBe(true);
	});

	it('terminates the transport on close only when terminateTransportOnClose is set', async () => {
		const kept = recordingTransport();
		await createA2ABusAdapter({ transport: kept.transport }).close!();
		expect(kept.transport.terminate).not.toHaveBeenCalled();

		const owned = recordingTransport();
		const bus = createA2ABusAdapter({
			transport: owned.transport,
			terminateTransportOnClose: true,
		});
		await Promise.all([bus.close!(), bus.close!()]);
		expect(owned.transport.terminate).toHaveBeenCalledTimes(1);
	});

	it.each([
		['transport', {}],
		['transport', { transport: { publish: async () => {} }, publish: async () => {} }],
		['transport', { transport: {} }],
		['publish', { publish: 'nope' }],
		['maxConcurrentPublishes', { publish: async () => {}, maxConcurrentPublishes: 0 }],
		['ttlMillis', { publish: async () => {}, ttlMillis: 1.5 }],
		['publishTimeoutMillis', { publish: async () => {}, publishTimeoutMillis: -1 }],
	])('rejects an invalid %s option eagerly with ERR_INVALID_OPTION', (option, options) => {
		expect(() => createA2ABusAdapter(options as never)).toThrow(
			expect.objectContaining({
				code: 'ERR_INVALID_OPTION',
				option,
				message: expect.stringMatching(new RegExp(`^${option}: expected .+, got .+$`)),
			}),
		);
	});

	it('resolves an empty batch without publishing', async () => {
		const { transport, received } = recordingTransport();
		expect(
			await createA2ABusAdapter({ transport }).publishBatch([] as IntegrationsEnvelope[]),
		).toBeUndefined();
		expect(received).toHaveLength(0);
	});
});

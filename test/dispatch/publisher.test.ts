import { context, TraceFlags, trace } from '@opentelemetry/api';
import { describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod/v4';
import { BRAND, BRAND_HEADER } from '../../src/events/index.js';
import {
	type AuditRecord,
	createInProcessBus,
	createIntegrationsEvent,
	createIntegrationsPublisher,
	type DeadLetterReport,
	dataSchemaUrl,
} from '../../src/index.js';
import { connectedEvent, dataSyncedEvent, invalidDataSynced } from '../support/event-payloads.js';
import { createRecordingBus } from '../support/recording-bus.js';
import { createSlowBus } from '../support/slow-bus.js';

describe('sync mode (default)', () => {
	it('throws the same ZodError as createIntegrationsEvent on invalid data', () => {
		const publisher = createIntegrationsPublisher({ bus: createRecordingBus().bus });
		const bad = invalidDataSynced();
		let expected: unknown;
		try {
			createIntegrationsEvent.dataSynced(bad);
		} catch (error) {
			expected = error;
		}
		let actual: unknown;
		try {
			publisher.dataSynced(bad);
		} catch (error) {
			actual = error;
		}
		expect(actual).toBeInstanceOf(ZodError);
		expect((actual as ZodError).issues).toEqual((expected as ZodError).issues);
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1, pending: 0 });
	});

	it('sends each valid event to the bus at once, unbatched, with stripped data', async () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({ bus: recording.bus });
		const extra = { ...connectedEvent(1), unknownKey: 'dropped' };
		expect(publisher.connected(extra)).toBe('accepted');
		publisher.connected(connectedEvent(2));
		expect(recording.calls.map((call) => call.length)).toEqual([1, 1]);
		const envelope = recording.calls[0]?.[0];
		expect(envelope?.data).toEqual(createIntegrationsEvent.connected(extra).data);
		await publisher.flush();
		expect(publisher.stats()).toMatchObject({ offered: 2, delivered: 2, pending: 0 });
	});

	it('builds CloudEvents envelopes compatible with the A2A Envelope', () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({ bus: recording.bus });
		publisher.dataSynced(dataSyncedEvent());
		const envelope = recording.envelopes[0]!;
		expect(envelope).toMatchObject({
			type: 'integrations.data.synced',
			source: 'urn:cortex:integrations',
			specversion: '1.0',
			datacontenttype: 'application/json',
			dataschema: dataSchemaUrl('integrations.data.synced'),
			ttlMs: 60_000,
			headers: { [BRAND_HEADER]: BRAND },
		});
		expect(envelope.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(new Date(envelope.time).toISOString()).toBe(envelope.time);
		expect(envelope.traceparent).toBeUndefined();
		expect(() => new URL(envelope.source)).not.toThrow();
	});

	it('dead-letters a failed send without an unhandled rejection', async () => {
		const deadLetters: DeadLetterReport[] = [];
		const unhandled = vi.fn();
		process.on('unhandledRejection', unhandled);
		try {
			const publisher = createIntegrationsPublisher({
				bus: { publishBatch: () => Promise.reject(new Error('down')) },
				onDeadLetter: (report) => deadLetters.push(report),
			});
			publisher.dataSynced(dataSyncedEvent());
			await publisher.flush();
			await new Promise((resolve) => setImmediate(resolve));
			expect(publisher.stats()).toMatchObject({ offered: 1, deadLettered: 1, pending: 0 });
			expect(deadLetters[0]?.error).toEqual(new Error('down'));
			expect(deadLetters[0]?.envelope?.type).toBe('integrations.data.synced');
			expect(unhandled).not.toHaveBeenCalled();
		} finally {
			process.off('unhandledRejection', unhandled);
		}
	});

	it('throws ERR_UNKNOWN_TOPIC for a topic that is not an integrations topic', () => {
		const publisher = createIntegrationsPublisher({ bus: createRecordingBus().bus });
		expect(() => publisher.emit('nope' as never, {} as never)).toThrow(
			expect.objectContaining({ code: 'ERR_UNKNOWN_TOPIC' }),
		);
		expect(publisher.stats().offered).toBe(0);
	});

	it('throws ERR_INVALID_BODY for a raw body that is not JSON', () => {
		const publisher = createIntegrationsPublisher({ bus: createRecordingBus().bus });
		expect(() => publisher.emitRaw('integrations.data.synced', '{oops')).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_BODY' }),
		);
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1 });
	});
});

describe('lifecycle', () => {
	it('refuses events after close() with ERR_PUBLISHER_CLOSED, in both modes', async () => {
		for (const enabled of [false, true]) {
			const publisher = createIntegrationsPublisher({ batching: { enabled } });
			await publisher.close();
			expect(publisher.closed).toBe(true);
			expect(() => publisher.dataSynced(dataSyncedEvent())).toThrow(
				expect.objectContaining({ code: 'ERR_PUBLISHER_CLOSED' }),
			);
		}
	});

	it('close() is idempotent and closes only a bus it created', async () => {
		const own = createIntegrationsPublisher();
		const first = own.close();
		expect(own.close()).toBe(first);
		await first;
		await expect(own.bus.publishBatch([])).rejects.toMatchObject({ code: 'ERR_BUS_CLOSED' });

		const bus = createInProcessBus();
		const borrowed = createIntegrationsPublisher({ bus });
		await borrowed.close();
		expect(bus.closed).toBe(false);
	});

	it('close() drains queued events before it resolves', async () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: { enabled: true, maxDelayMillis: 10_000 },
		});
		for (let i = 0; i < 60; i++) publisher.dataSynced(dataSyncedEvent(i));
		await publisher.close();
		expect(recording.envelopes).toHaveLength(60);
		expect(publisher.stats()).toMatchObject({ offered: 60, delivered: 60, pending: 0 });
	});

	it('close() dead-letters what it could not deliver within closeTimeoutMillis', async () => {
		const slow = createSlowBus();
		const deadLetters: DeadLetterReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus: slow.bus,
			closeTimeoutMillis: 20,
			batching: { enabled: true, maxBatchSize: 5 },
			onDeadLetter: (report) => deadLetters.push(report),
		});
		for (let i = 0; i < 12; i++) publisher.dataSynced(dataSyncedEvent(i));
		await publisher.close();
		expect(publisher.stats()).toMatchObject({
			offered: 12,
			delivered: 0,
			deadLettered: 12,
			pending: 0,
		});
		expect(deadLetters.map((report) => report.error)).toEqual(
			Array(12).fill(expect.objectContaining({ code: 'ERR_CLOSE_TIMEOUT' })),
		);
		slow.release(); // a late acceptance changes nothing
		await new Promise((resolve) => setImmediate(resolve));
		expect(publisher.stats()).toMatchObject({ delivered: 0, deadLettered: 12 });
	});
});

describe('hooks and context', () => {
	it('computes the audit hash only when payloadSha256 is read', async () => {
		const records: AuditRecord[] = [];
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			onAudit: (record) => records.push(record),
		});
		publisher.dataSynced(dataSyncedEvent(3));
		const envelope = recording.envelopes[0]!;
		const { createHash } = await import('node:crypto');
		const expected = createHash('sha256').update(JSON.stringify(envelope.data)).digest('hex');
		expect(records[0]).toMatchObject({ id: envelope.id, type: envelope.type });
		expect(records[0]?.payloadSha256).toBe(expected);
	});

	it('carries the W3C traceparent of the active span, and none without one', () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({ bus: recording.bus });
		const spanContext = {
			traceId: '0af7651916cd43dd8448eb211c80319c',
			spanId: 'b7ad6b7169203331',
			traceFlags: TraceFlags.SAMPLED,
		};
		const active = trace.setSpanContext(context.active(), spanContext);
		const getActiveSpan = vi.spyOn(trace, 'getActiveSpan').mockReturnValue(trace.getSpan(active));
		try {
			publisher.dataSynced(dataSyncedEvent());
		} finally {
			getActiveSpan.mockRestore();
		}
		publisher.dataSynced(dataSyncedEvent());
		expect(recording.envelopes[0]?.traceparent).toBe(
			'00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
		);
		expect(recording.envelopes[1]?.traceparent).toBeUndefined();
	});

	it('a throwing hook never breaks delivery', async () => {
		const recording = createRecordingBus();
		const publisher = createIntegrationsPublisher({
			bus: recording.bus,
			batching: { enabled: true },
			onInvalid: () => {
				throw new Error('hook bug');
			},
		});
		publisher.dataSynced(invalidDataSynced() as never);
		publisher.dataSynced(dataSyncedEvent());
		await publisher.flush();
		expect(publisher.stats()).toMatchObject({ offered: 2, invalid: 1, delivered: 1 });
	});
});

describe('hostile payloads in batching mode', () => {
	it.each(['inline', 'auto'] as const)(
		'%s: a payload whose getter throws is invalid and the other events are delivered',
		async (validation) => {
			const recording = createRecordingBus();
			const invalid: unknown[] = [];
			const publisher = createIntegrationsPublisher({
				bus: recording.bus,
				batching: { enabled: true, validation },
				onInvalid: (report) => invalid.push(report.issues[0]?.code),
			});
			const hostile = {
				...dataSyncedEvent(0),
				get syncedAt(): string {
					throw new Error('boom');
				},
			};
			publisher.dataSynced(dataSyncedEvent(1));
			publisher.dataSynced(hostile as never);
			publisher.dataSynced(dataSyncedEvent(2));
			await publisher.flush();
			publisher.dataSynced(dataSyncedEvent(3));
			await publisher.close();
			expect(publisher.stats()).toMatchObject({ offered: 4, delivered: 3, invalid: 1, pending: 0 });
			expect(invalid).toEqual(['invalid_input']);
			expect(recording.envelopes).toHaveLength(3);
		},
	);
});

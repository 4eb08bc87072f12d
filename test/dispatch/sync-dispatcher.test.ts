import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { processKeepAlive } from '../../src/dispatch/accounting/index.js';
import {
	type BusAdapter,
	type BusItemFailure,
	createInProcessBus,
	createIntegrationsPublisher,
	type DeadLetterReport,
	type IntegrationsEnvelope,
} from '../../src/index.js';
import { connectedEvent, dataSyncedEvent, invalidDataSynced } from '../support/event-payloads.js';
import { timeoutForRuns } from '../support/reliability-runs.js';
import { seededRandom } from '../support/seeded-random.js';
import { createSlowBus } from '../support/slow-bus.js';

/** A bus that completes every call at once: accepts, fails the item, or throws, as told. */
function createSyncBus(outcome: () => 'accept' | 'fail-item' | 'throw' = () => 'accept') {
	const accepted: IntegrationsEnvelope[] = [];
	const publishBatchSync = (envelopes: readonly IntegrationsEnvelope[]) => {
		const what = outcome();
		if (what === 'throw') throw new Error('bus down');
		if (what === 'fail-item') {
			const failed: BusItemFailure[] = envelopes.map((_, index) => ({
				index,
				error: new Error('refused'),
			}));
			return { failed };
		}
		accepted.push(...envelopes);
		return undefined;
	};
	const bus: BusAdapter = {
		publishBatchSync,
		publishBatch: async () => {
			throw new Error('sync mode must call publishBatchSync');
		},
	};
	return { bus, accepted };
}

describe('sync mode on a bus that completes calls at once (publishBatchSync)', () => {
	it('settles each event during its emit call: counted delivered, no flush needed, no keep-alive hold', () => {
		const { bus, accepted } = createSyncBus();
		const publisher = createIntegrationsPublisher({ bus });
		publisher.connected(connectedEvent(1));
		publisher.dataSynced(dataSyncedEvent(2));
		expect(accepted.map((envelope) => envelope.type)).toEqual([
			'integrations.connection.established',
			'integrations.data.synced',
		]);
		expect(publisher.stats()).toMatchObject({ offered: 2, delivered: 2, pending: 0 });
		expect(processKeepAlive.holds).toBe(0);
	});

	it('dead-letters during the emit call when the bus throws or refuses the item, with the payload as sent', () => {
		const outcomes = ['throw', 'fail-item'] as const;
		let call = 0;
		const { bus } = createSyncBus(() => outcomes[call++] ?? 'accept');
		const reports: DeadLetterReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus,
			onDeadLetter: (report) => reports.push(report),
		});
		const input = { ...dataSyncedEvent(1), extra: 'stripped' };
		publisher.dataSynced(input);
		publisher.dataSynced(dataSyncedEvent(2));
		publisher.dataSynced(dataSyncedEvent(3));
		expect(publisher.stats()).toMatchObject({ offered: 3, delivered: 1, deadLettered: 2 });
		expect(reports.map((report) => (report.error as Error).message)).toEqual([
			'bus down',
			'refused',
		]);
		expect(reports[0]?.input).toEqual(dataSyncedEvent(1));
		expect(reports[0]?.envelope?.data).toEqual(dataSyncedEvent(1));
		expect(reports.map((report) => report.attempts)).toEqual([1, 1]);
	});

	it('counts an event a subscriber emits while it is being delivered, and flush() inside resolves after both', async () => {
		const bus = createInProcessBus();
		const publisher = createIntegrationsPublisher({ bus });
		const order: string[] = [];
		let flushed: Promise<void> | undefined;
		bus.subscribe('integrations.connection.established', (envelope) => {
			order.push(envelope.type);
			publisher.dataSynced(dataSyncedEvent(1));
			flushed = publisher.flush().then(() => {
				order.push(`flushed with ${publisher.stats().delivered} delivered`);
			});
		});
		bus.subscribe('integrations.data.synced', (envelope) => {
			order.push(envelope.type);
		});
		publisher.connected(connectedEvent(1));
		expect(publisher.stats()).toMatchObject({ offered: 2, delivered: 2, pending: 0 });
		await flushed;
		expect(order).toEqual([
			'integrations.connection.established',
			'integrations.data.synced',
			'flushed with 2 delivered',
		]);
	});

	it('throws the ZodError of an invalid event and counts it invalid, before any bus call', () => {
		const { bus, accepted } = createSyncBus();
		const publisher = createIntegrationsPublisher({ bus });
		expect(() => publisher.dataSynced(invalidDataSynced())).toThrow();
		expect(accepted).toHaveLength(0);
		expect(publisher.stats()).toMatchObject({ offered: 1, invalid: 1, pending: 0 });
	});

	it('dead-letters with ERR_BUS_CLOSED once the in-process bus is closed', async () => {
		const bus = createInProcessBus();
		const reports: DeadLetterReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus,
			onDeadLetter: (report) => reports.push(report),
		});
		await bus.close();
		publisher.connected(connectedEvent(1));
		expect(publisher.stats()).toMatchObject({ offered: 1, deadLettered: 1, pending: 0 });
		expect(reports[0]?.error).toMatchObject({ code: 'ERR_BUS_CLOSED' });
	});

	it('dead-letters an event whose publishBatchSync returned a promise, and catches its rejection', async () => {
		const unhandled = vi.fn();
		process.on('unhandledRejection', unhandled);
		try {
			const reports: DeadLetterReport[] = [];
			const bus: BusAdapter = {
				publishBatch: async () => {},
				// TypeScript refuses this; a JavaScript bus may still do it.
				publishBatchSync: (async () => {
					throw new Error('late');
				}) as never,
			};
			const publisher = createIntegrationsPublisher({
				bus,
				onDeadLetter: (report) => reports.push(report),
			});
			publisher.connected(connectedEvent(1));
			expect(publisher.stats()).toMatchObject({ offered: 1, deadLettered: 1, pending: 0 });
			expect(reports[0]?.error).toBeInstanceOf(TypeError);
			await new Promise((resolve) => setImmediate(resolve));
			expect(unhandled).not.toHaveBeenCalled();
		} finally {
			process.off('unhandledRejection', unhandled);
		}
	});

	it('audits each envelope before its bus call, as the asynchronous path does', () => {
		const audited: string[] = [];
		const { bus, accepted } = createSyncBus();
		const publisher = createIntegrationsPublisher({
			bus,
			onAudit: (record) => audited.push(record.id),
		});
		publisher.connected(connectedEvent(1));
		expect(audited).toEqual(accepted.map((envelope) => envelope.id));
	});
});

describe('sync mode on a bus without publishBatchSync', () => {
	it('keeps the event pending, and the process held, until the bus answers', async () => {
		const slow = createSlowBus();
		const publisher = createIntegrationsPublisher({ bus: slow.bus });
		publisher.connected(connectedEvent(1));
		expect(publisher.stats()).toMatchObject({ offered: 1, delivered: 0, pending: 1 });
		expect(processKeepAlive.holds).toBe(1);
		const flushed = publisher.flush();
		slow.release();
		await flushed;
		expect(publisher.stats()).toMatchObject({ delivered: 1, pending: 0 });
		expect(processKeepAlive.holds).toBe(0);
	});
});

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 200);

describe('sync mode accounting on a bus that completes at once (property)', () => {
	it(
		'offered = delivered + invalid + deadLettered after every emit; hooks and bus agree with the counts',
		() => {
			const scenario = fc.record({
				seed: fc.integer(),
				failRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
				events: fc.array(fc.constantFrom('valid', 'invalid', 'raw', 'raw-bad'), {
					minLength: 1,
					maxLength: 120,
				}),
			});
			fc.assert(
				fc.property(scenario, ({ seed, failRate, events }) => {
					const random = seededRandom(seed);
					const pick = () => {
						const r = random();
						if (r < failRate / 2) return 'throw' as const;
						return r < failRate ? ('fail-item' as const) : ('accept' as const);
					};
					const { bus, accepted } = createSyncBus(pick);
					const seen = { invalid: 0, deadLettered: 0 };
					const publisher = createIntegrationsPublisher({
						bus,
						onInvalid: () => seen.invalid++,
						onDeadLetter: () => seen.deadLettered++,
					});
					events.forEach((kind, n) => {
						try {
							if (kind === 'valid') publisher.dataSynced(dataSyncedEvent(n));
							else if (kind === 'invalid') publisher.dataSynced(invalidDataSynced(n));
							else if (kind === 'raw')
								publisher.emitRaw('integrations.data.synced', JSON.stringify(dataSyncedEvent(n)));
							else publisher.emitRaw('integrations.data.synced', '{"integrationId":');
						} catch {
							// the ZodError / ERR_INVALID_BODY of an invalid event, as upstream throws
						}
						const s = publisher.stats();
						expect(s.delivered + s.invalid + s.deadLettered).toBe(s.offered);
						expect(s.pending).toBe(0);
					});
					const stats = publisher.stats();
					expect(stats.offered).toBe(events.length);
					expect(stats.invalid).toBe(
						events.filter((k) => k === 'invalid' || k === 'raw-bad').length,
					);
					expect(stats.delivered).toBe(accepted.length);
					expect(new Set(accepted.map((envelope) => envelope.id)).size).toBe(accepted.length);
					expect(seen).toEqual({ invalid: stats.invalid, deadLettered: stats.deadLettered });
					expect(processKeepAlive.holds).toBe(0);
				}),
				{ numRuns: RUNS },
			);
		},
		timeoutForRuns(RUNS, 5, 30_000),
	);
});

import { describeError } from '../../common/index.js';
import type { IntegrationsEnvelope } from '../../events/index.js';
import { createEpisode, type LogFn } from '../../telemetry/index.js';
import type { DropReason, EventPriority, ResolvedPublisherOptions } from '../options/index.js';
import { type PendingEvent, PRIORITIES } from '../pending-event.js';
import { CapturedBody } from '../queue/index.js';
import type { ValidationIssue } from '../validation-protocol.js';
import { createAuditRecord } from './audit-record.js';
import { DROP_REASONS, type PublisherCounters } from './publisher-counters.js';
import type { SettleTracker } from './settle-tracker.js';

const DROP_FIELDS = DROP_REASONS.map((reason) => Object.freeze({ reason }));

/** The epoch of an event offered with `offerSettledNow`: settling it leaves the tracker alone. */
export const UNTRACKED_EPOCH = -1;

type Hooks = Pick<ResolvedPublisherOptions, 'onInvalid' | 'onDrop' | 'onDeadLetter' | 'onAudit'>;

/**
 * Settles each event exactly once (delivered, invalid, dropped or dead-lettered): counts it, tells
 * the flush barrier, calls the hook (isolated: a throwing hook is logged once per episode) and logs
 * drops and dead letters once per episode, never per event.
 */
export class EventAccounting {
	readonly #counters: PublisherCounters;
	readonly #tracker: SettleTracker;
	readonly #hooks: Hooks;
	readonly #drops;
	readonly #deadLetters;
	readonly #hookErrors;

	constructor(counters: PublisherCounters, tracker: SettleTracker, hooks: Hooks, log: LogFn) {
		this.#counters = counters;
		this.#tracker = tracker;
		this.#hooks = hooks;
		this.#drops = createEpisode(log, 'warn', 'integrations publisher dropping events');
		this.#deadLetters = createEpisode(log, 'error', 'integrations events dead-lettered');
		this.#hookErrors = createEpisode(log, 'warn', 'integrations publisher hook threw');
	}

	/** True when `onAudit` is set (only then are audit records built). */
	get auditing(): boolean {
		return this.#hooks.onAudit !== undefined;
	}

	/** Counts an offered event; returns its flush epoch. */
	offer(topicIndex: number, priority: number): number {
		this.#counters.offered[topicIndex * 3 + priority]!++;
		return this.#tracker.offer();
	}

	/**
	 * Counts an event that settles before the call that offered it returns (sync mode on a bus with
	 * `publishBatchSync`): no `flush()` can wait for it and nothing needs the process kept alive, so
	 * the settle tracker never hears of it. Returns {@link UNTRACKED_EPOCH}.
	 */
	offerSettledNow(topicIndex: number, priority: number): number {
		this.#counters.offered[topicIndex * 3 + priority]!++;
		return UNTRACKED_EPOCH;
	}

	/** Counts a bus re-send of each event. */
	retried(events: readonly PendingEvent[]): void {
		for (const event of events) this.#counters.retried[event.topicIndex]!++;
	}

	delivered(event: PendingEvent): void {
		this.#counters.delivered[event.topicIndex]!++;
		this.#settle(event.epoch);
		releaseBody(event);
	}

	/** `issues` is only called when `onInvalid` is set (reading zod issues is not free). */
	invalid(event: PendingEvent, issues: () => readonly ValidationIssue[]): void {
		this.#counters.invalid[event.topicIndex]!++;
		this.#settle(event.epoch);
		const hook = this.#hooks.onInvalid;
		if (hook) this.#call(hook, { topic: event.topic, input: reported(event), issues: issues() });
		releaseBody(event);
	}

	dropped(event: PendingEvent, reason: number): void {
		this.#counters.dropped[event.topicIndex * DROP_REASONS.length + reason]!++;
		this.#settle(event.epoch);
		this.#drops.start(DROP_FIELDS[reason]);
		const hook = this.#hooks.onDrop;
		if (hook && DROP_REASONS[reason] !== 'rejected') {
			const priority = PRIORITIES[event.priority] as EventPriority;
			const why = DROP_REASONS[reason] as DropReason;
			this.#call(hook, { topic: event.topic, input: reported(event), priority, reason: why });
		}
		releaseBody(event);
	}

	/** `envelope`: when the event was validated before it was given up. */
	deadLettered(
		event: PendingEvent,
		envelope: IntegrationsEnvelope | undefined,
		error: unknown,
		attempts: number,
	): void {
		this.#counters.deadLettered[event.topicIndex]!++;
		this.#settle(event.epoch);
		this.#deadLetters.start({ topic: event.topic, attempts, error: describeError(error) });
		const hook = this.#hooks.onDeadLetter;
		if (hook) {
			this.#call(hook, {
				topic: event.topic,
				input: reported(event),
				envelope,
				error,
				attempts,
			});
		}
		releaseBody(event);
	}

	audit(envelope: IntegrationsEnvelope): void {
		const hook = this.#hooks.onAudit;
		if (hook) this.#call(hook, createAuditRecord(envelope));
	}

	/** The queue is below its low-water mark again: ends a drop episode. */
	pressureRelieved(depth: number): void {
		this.#drops.end({ depth });
	}

	/** A bus call succeeded: ends a dead-letter episode. */
	busRecovered(): void {
		this.#deadLetters.end();
	}

	#settle(epoch: number): void {
		if (epoch !== UNTRACKED_EPOCH) this.#tracker.settle(epoch);
	}

	#call<T>(hook: (value: T) => void, value: T): void {
		try {
			const result = hook(value) as unknown;
			if (this.#hookErrors.active) this.#hookErrors.end();
			if (result != null && typeof (result as Promise<unknown>).then === 'function') {
				(result as Promise<unknown>).then(undefined, (error: unknown) => this.#hookFailed(error));
			}
		} catch (error) {
			this.#hookFailed(error);
		}
	}

	#hookFailed(error: unknown): void {
		this.#hookErrors.start({ error: describeError(error) });
	}
}

/** What a report shows of an event's input: a body kept in the arena as its text. */
function reported(event: PendingEvent): unknown {
	const input = event.input;
	return input instanceof CapturedBody ? input.text() : input;
}

/** A settled event's raw body goes back to the arena (its slab is reused once it holds none). */
function releaseBody(event: PendingEvent): void {
	const input = event.input;
	if (input instanceof CapturedBody) input.release();
}

/** A log-safe rendering of an error: code and message, never a payload. */

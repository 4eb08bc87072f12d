import { BodyArena, CapturedBody } from './body-arena.js';
import {
	InvalidEvent,
	type ValidationOutcome,
	validateEventInline,
	validateInline,
} from './inline-validation.js';
import type { PendingEvent } from './pending-event.js';
import type { ResolvedBatching } from './resolve-publisher-options.js';
import type { WorkerValidator } from './validation-pool.js';
import {
	type InvalidItem,
	type ValidationResponse,
	VERDICT_INVALID,
	VERDICT_KEEP,
} from './validation-protocol.js';
import { type WorkerAnswer, WorkerBatches } from './worker-batches.js';

/**
 * Validates batches: raw bodies inline, on workers (`worker`), or on workers from a size on
 * (`auto`); object events were judged at emit and only pass through.
 */
export interface BatchValidator {
	/** True when some batches may go to workers (the pipeline then validates ahead). */
	readonly usesWorkers: boolean;
	/** Where `emitRaw` copies byte bodies; a body is released when its event settles. */
	readonly bodies: BodyArena;
	/** Bus batches the pipeline may pull ahead while batches are on workers (0: none now). */
	lookahead(): number;
	/** Synchronous when the whole batch is validated inline. */
	validate(events: readonly PendingEvent[]): ValidationOutcome | Promise<ValidationOutcome>;
	close(): Promise<void>;
}

export function createBatchValidator(
	batching: ResolvedBatching,
	workers: WorkerValidator | undefined,
	bodies: BodyArena = new BodyArena(),
): BatchValidator {
	const close = async () => {
		await workers?.close();
		bodies.clear();
	};
	if (batching.validation === 'inline' || workers === undefined) {
		return { usesWorkers: false, bodies, lookahead: () => 0, validate: validateInline, close };
	}
	const limits = batching.workers;
	const batches = new WorkerBatches(workers, {
		maxBatchSize: limits.maxBatchSize,
		maxBatchBytes: limits.maxBatchBytes,
		maxInFlight: 2 * limits.maxThreads,
	});
	// Enough bus batches to fill every worker call in flight (fewer when bytes close the calls).
	const ahead = 2 * limits.maxThreads * Math.ceil(limits.maxBatchSize / batching.maxBatchSize);
	// Only raw bodies go to workers: an object event was validated when it was emitted (its fast
	// path costs less than cloning the object for a worker would; see `captureEvent`).
	const minBytes = batching.validation === 'worker' ? 0 : limits.minRawBodyBytes;
	return {
		usesWorkers: true,
		bodies,
		lookahead: () => (batches.saturated ? 0 : ahead),
		validate(events) {
			const routed = events.map((event) => event.raw && bodySize(event.input) >= minBytes);
			const remote = events.filter((_, i) => routed[i]);
			if (remote.length === 0) return validateInline(events);
			const bytes = remote.reduce((sum, event) => sum + bodySize(event.input), 0);
			return settleOutcome(events, routed, batches.add(remote, bytes));
		},
		close,
	};
}

/** A raw body's size in bytes (a string's UTF-16 length: close enough for routing). */
function bodySize(input: unknown): number {
	return input instanceof CapturedBody ? input.byteLength : (input as string).length;
}

async function settleOutcome(
	events: readonly PendingEvent[],
	routed: readonly boolean[],
	answer: Promise<WorkerAnswer>,
): Promise<ValidationOutcome> {
	// Per event: the stripped payload, its JSON (text or bytes) from a worker, or an InvalidEvent.
	const values = events.map((event, i) => (routed[i] ? undefined : validateEventInline(event)));
	const { response, offset } = await answer;
	const verdicts = response && new VerdictReader(response, offset);
	const outcome: ValidationOutcome = { valid: [], values: [], invalid: [], mode: 'worker' };
	events.forEach((event, i) => {
		let value = values[i];
		if (routed[i]) value = verdicts ? verdicts.next(event) : validateEventInline(event);
		if (value instanceof InvalidEvent) outcome.invalid.push(value);
		else {
			outcome.valid.push(event);
			outcome.values.push(value);
		}
	});
	return verdicts === undefined ? { ...outcome, mode: 'inline' } : outcome;
}

/** Reads the verdicts of one bus batch's bodies, in order, from a worker call's response. */
class VerdictReader {
	readonly #response: ValidationResponse;
	#index: number;
	#invalid = 0;

	constructor(response: ValidationResponse, offset: number) {
		this.#response = response;
		this.#index = offset;
		const invalid = response.invalid;
		while (this.#invalid < invalid.length && (invalid[this.#invalid] as InvalidItem)[0] < offset)
			this.#invalid++;
	}

	/**
	 * The next body's value: its own text (a string body validation left as it was), a view of its
	 * JSON in the response (the envelope parses it on first read), or an {@link InvalidEvent}.
	 */
	next(event: PendingEvent): unknown {
		const { verdicts, ends, json, invalid } = this.#response;
		const i = this.#index++;
		const verdict = verdicts[i];
		if (verdict === VERDICT_KEEP) return event.input;
		if (verdict === VERDICT_INVALID) {
			const issues = (invalid[this.#invalid++] as InvalidItem)[1];
			return new InvalidEvent(event, () => issues);
		}
		return json.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);
	}
}

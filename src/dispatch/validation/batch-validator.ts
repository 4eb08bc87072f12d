import type { ResolvedBatching } from '../options/index.js';
import type { PendingEvent } from '../pending-event.js';
import { BodyArena, CapturedBody } from '../queue/index.js';
import {
	type InvalidItem,
	type ValidationResponse,
	VERDICT_INVALID,
	VERDICT_KEEP,
} from '../validation-protocol.js';
import {
	InvalidEvent,
	type ValidationOutcome,
	validateEventInline,
	validateInline,
} from './inline-validation.js';
import type { WorkerValidator } from './worker/index.js';
import { type WorkerAnswer, WorkerBatches } from './worker/index.js';

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
	if (batching.validation === 'inline' || workers === undefined) {
		const close = async () => {
			await workers?.close();
			bodies.clear();
		};
		return { usesWorkers: false, bodies, lookahead: () => 0, validate: validateInline, close };
	}
	return new WorkerBatchValidator(batching, workers, bodies);
}

/** The {@link BatchValidator} of modes `worker` and `auto`: gathers raw bodies for the workers. */
class WorkerBatchValidator implements BatchValidator {
	readonly usesWorkers = true;
	readonly bodies: BodyArena;
	readonly #workers: WorkerValidator;
	readonly #batches: WorkerBatches;
	readonly #ahead: number;
	readonly #minBytes: number;

	constructor(batching: ResolvedBatching, workers: WorkerValidator, bodies: BodyArena) {
		this.bodies = bodies;
		this.#workers = workers;
		const limits = batching.workers;
		this.#batches = new WorkerBatches(workers, {
			maxBatchSize: limits.maxBatchSize,
			maxBatchBytes: limits.maxBatchBytes,
			maxInFlight: 2 * limits.maxThreads,
		});
		// Enough bus batches to fill every worker call in flight (fewer when bytes close the calls).
		this.#ahead = 2 * limits.maxThreads * Math.ceil(limits.maxBatchSize / batching.maxBatchSize);
		// Only raw bodies go to workers: an object event was validated when it was emitted (its fast
		// path costs less than cloning the object for a worker would; see `captureEvent`).
		this.#minBytes = batching.validation === 'worker' ? 0 : limits.minRawBodyBytes;
	}

	lookahead(): number {
		return this.#batches.saturated ? 0 : this.#ahead;
	}

	validate(events: readonly PendingEvent[]): ValidationOutcome | Promise<ValidationOutcome> {
		// One pass: raw bodies from the threshold on go to workers, the rest is judged now.
		const values = new Array<unknown>(events.length);
		const remote: PendingEvent[] = [];
		let bytes = 0;
		for (let i = 0; i < events.length; i++) {
			const event = events[i] as PendingEvent;
			const size = event.raw ? bodySize(event.input) : -1;
			if (size < this.#minBytes) values[i] = validateEventInline(event);
			else {
				values[i] = ON_WORKER;
				remote.push(event);
				bytes += size;
			}
		}
		if (remote.length === 0) return outcomeOf(events, values, 'inline');
		return settleOutcome(events, values, this.#batches.add(remote, bytes));
	}

	async close(): Promise<void> {
		await this.#workers.close();
		this.bodies.clear();
	}
}

/** Marks, in a batch's values, an event whose body went to a worker. */
const ON_WORKER = Symbol('on a worker');

/** A raw body's size in bytes (a string's UTF-16 length: close enough for routing). */
function bodySize(input: unknown): number {
	return input instanceof CapturedBody ? input.byteLength : (input as string).length;
}

/** Fills the worker's verdicts into `values` (or validates inline if the workers failed). */
async function settleOutcome(
	events: readonly PendingEvent[],
	values: unknown[],
	answer: Promise<WorkerAnswer>,
): Promise<ValidationOutcome> {
	const { response, offset } = await answer;
	const verdicts = response && new VerdictReader(response, offset);
	for (let i = 0; i < events.length; i++) {
		if (values[i] !== ON_WORKER) continue;
		const event = events[i] as PendingEvent;
		values[i] = verdicts ? verdicts.next(event) : validateEventInline(event);
	}
	return outcomeOf(events, values, verdicts ? 'worker' : 'inline');
}

/** Per event a value (the stripped payload, or its JSON from a worker) or an InvalidEvent. */
function outcomeOf(
	events: readonly PendingEvent[],
	values: readonly unknown[],
	mode: ValidationOutcome['mode'],
): ValidationOutcome {
	const outcome: ValidationOutcome = { valid: [], values: [], invalid: [], mode };
	for (let i = 0; i < events.length; i++) {
		const value = values[i];
		if (value instanceof InvalidEvent) outcome.invalid.push(value);
		else {
			outcome.valid.push(events[i] as PendingEvent);
			outcome.values.push(value);
		}
	}
	return outcome;
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

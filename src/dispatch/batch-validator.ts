import {
	InvalidEvent,
	type ValidationOutcome,
	validateEventInline,
	validateInline,
} from './inline-validation.js';
import type { PendingEvent } from './pending-event.js';
import { rawBodySize } from './raw-body.js';
import type { ResolvedBatching } from './resolve-publisher-options.js';
import type { WorkerValidator } from './validation-pool.js';

/**
 * Validates batches: raw bodies inline, on workers (`worker`), or on workers from a size on
 * (`auto`); object events were judged at emit and only pass through.
 */
export interface BatchValidator {
	/** True when some batches may go to workers (the pipeline then validates ahead). */
	readonly usesWorkers: boolean;
	/** Synchronous when the whole batch is validated inline. */
	validate(events: readonly PendingEvent[]): ValidationOutcome | Promise<ValidationOutcome>;
	close(): Promise<void>;
}

export function createBatchValidator(
	batching: ResolvedBatching,
	workers: WorkerValidator | undefined,
): BatchValidator {
	const mode = batching.validation;
	if (mode === 'inline' || workers === undefined) {
		return { usesWorkers: false, validate: validateInline, close: async () => {} };
	}
	// Only raw bodies go to workers: an object event was validated when it was emitted (its fast
	// path costs less than cloning the object for a worker would; see `captureEvent`).
	const minBytes = mode === 'worker' ? 0 : batching.workers.minRawBodyBytes;
	const routed = (event: PendingEvent) =>
		event.raw && rawBodySize(event.input as string) >= minBytes;
	return {
		usesWorkers: true,
		validate(events) {
			if (!events.some(routed)) return validateInline(events);
			return validateOnWorkers(events, events.map(routed), workers);
		},
		close: () => workers.close(),
	};
}

async function validateOnWorkers(
	events: readonly PendingEvent[],
	routed: readonly boolean[],
	workers: WorkerValidator,
): Promise<ValidationOutcome> {
	// Per event: the stripped payload, a canonical JSON string (worker) or an InvalidEvent.
	const outcomes = new Array<unknown>(events.length);
	const remote: PendingEvent[] = [];
	const remoteIndex: number[] = [];
	events.forEach((event, i) => {
		if (!routed[i]) outcomes[i] = validateEventInline(event);
		else {
			remote.push(event);
			remoteIndex.push(i);
		}
	});
	const results = await workers.validate(remote);
	remote.forEach((event, j) => {
		const result = results?.[j];
		outcomes[remoteIndex[j] as number] =
			result === undefined
				? validateEventInline(event)
				: result === true
					? event.input
					: typeof result === 'string'
						? result
						: new InvalidEvent(event, () => result);
	});
	const outcome: ValidationOutcome = { valid: [], values: [], invalid: [], mode: 'worker' };
	events.forEach((event, i) => {
		const value = outcomes[i];
		if (value instanceof InvalidEvent) outcome.invalid.push(value);
		else {
			outcome.valid.push(event);
			outcome.values.push(value);
		}
	});
	return results === undefined ? { ...outcome, mode: 'inline' } : outcome;
}

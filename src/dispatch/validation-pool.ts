import { BodyBuffers } from './body-buffers.js';
import type { PendingEvent } from './pending-event.js';
import { ValidationWorkerError } from './publisher-errors.js';
import type { ResolvedWorkers } from './resolve-publisher-options.js';
import type {
	ValidationPool,
	ValidationResponse,
	ValidationResult,
} from './validation-protocol.js';
import { encodeValidationRequest } from './validation-request.js';

/** Worker calls per batch before falling back to inline validation (a crashed worker is respawned). */
const MAX_WORKER_ATTEMPTS = 3;

/** Validates batches on worker threads; a crash re-validates, nothing is lost. */
export interface WorkerValidator {
	/** One result per event, or `undefined` when the workers kept failing (validate inline). */
	validate(events: readonly PendingEvent[]): Promise<readonly ValidationResult[] | undefined>;
	/** Destroys the pool if the publisher created it. */
	close(): Promise<void>;
}

export interface WorkerValidatorEvents {
	/** A worker call failed (crash, clone error, bad reply). */
	onFailure(error: ValidationWorkerError, attempt: number): void;
	/** A worker call succeeded. */
	onSuccess(): void;
}

/**
 * The worker entry: `dist/validation-worker.js` next to the running bundle; when running from the
 * TypeScript sources (tests), the built file of the repository.
 */
export function validationWorkerUrl(): URL {
	const here = import.meta.url;
	return here.endsWith('.ts')
		? new URL('../../dist/validation-worker.js', here)
		: new URL('./validation-worker.js', here);
}

export function createWorkerValidator(
	workers: ResolvedWorkers,
	events: WorkerValidatorEvents,
): WorkerValidator {
	let pool: Promise<ValidationPool> | undefined;
	const buffers = new BodyBuffers();
	const owned = workers.pool === undefined;
	const getPool = (): Promise<ValidationPool> => {
		pool ??= workers.pool ? Promise.resolve(workers.pool) : createPiscinaPool(workers);
		return pool;
	};

	return {
		async validate(batch) {
			for (let attempt = 1; attempt <= MAX_WORKER_ATTEMPTS; attempt++) {
				try {
					const results = await runOnce(await getPool(), batch, buffers);
					events.onSuccess();
					return results;
				} catch (error) {
					events.onFailure(new ValidationWorkerError(error), attempt);
				}
			}
			return undefined;
		},
		async close() {
			if (!owned || pool === undefined) return;
			const created = await pool.catch(() => undefined);
			await created?.destroy?.();
		},
	};
}

async function runOnce(
	pool: ValidationPool,
	batch: readonly PendingEvent[],
	buffers: BodyBuffers,
): Promise<readonly ValidationResult[]> {
	const { request, transferList, shared } = encodeValidationRequest(batch, buffers);
	let response: ValidationResponse | undefined;
	try {
		response = (await pool.run(request, { transferList })) as ValidationResponse | undefined;
	} finally {
		if (shared !== undefined) buffers.release(shared);
	}
	const results = response?.results;
	if (!Array.isArray(results) || results.length !== batch.length) {
		throw new TypeError('The validation worker sent a malformed reply');
	}
	return results;
}

async function createPiscinaPool(workers: ResolvedWorkers): Promise<ValidationPool> {
	const { Piscina } = await import('piscina');
	return new Piscina({
		filename: validationWorkerUrl().href,
		minThreads: 1,
		maxThreads: workers.maxThreads,
		idleTimeout: workers.idleTimeoutMillis,
	});
}

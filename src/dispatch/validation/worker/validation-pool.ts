import type { Tinypool, TinypoolWorker } from 'tinypool';
import type { ResolvedWorkers } from '../../options/index.js';
import type { PendingEvent } from '../../pending-event.js';
import { ValidationWorkerError } from '../../publisher-errors.js';
import type { BodyArena } from '../../queue/index.js';
import { RingQueue } from '../../queue/index.js';
import type {
	ValidationPool,
	ValidationRequest,
	ValidationResponse,
} from '../../validation-protocol.js';
import { encodeValidationRequest } from './validation-request.js';

/** Worker calls per batch before falling back to inline validation (a crashed worker is respawned). */
const MAX_WORKER_ATTEMPTS = 3;

/** Validates raw bodies on worker threads; a crash re-validates, nothing is lost. */
export interface WorkerValidator {
	/**
	 * The verdicts of one worker batch (raw-body events), or `undefined` when the workers kept
	 * failing (validate inline).
	 */
	validate(events: readonly PendingEvent[]): Promise<ValidationResponse | undefined>;
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
		? new URL('../../../../dist/validation-worker.js', here)
		: new URL('./validation-worker.js', here);
}

export function createWorkerValidator(
	workers: ResolvedWorkers,
	bodies: BodyArena,
	events: WorkerValidatorEvents,
): WorkerValidator {
	return new PooledWorkerValidator(workers, bodies, events);
}

/** The {@link WorkerValidator} of {@link createWorkerValidator}: gets its pool on first use. */
class PooledWorkerValidator implements WorkerValidator {
	readonly #workers: ResolvedWorkers;
	readonly #bodies: BodyArena;
	readonly #events: WorkerValidatorEvents;
	readonly #owned: boolean;
	#pool: Promise<ValidationPool> | undefined;

	constructor(workers: ResolvedWorkers, bodies: BodyArena, events: WorkerValidatorEvents) {
		this.#workers = workers;
		this.#bodies = bodies;
		this.#events = events;
		this.#owned = workers.pool === undefined;
	}

	async validate(batch: readonly PendingEvent[]): Promise<ValidationResponse | undefined> {
		const encoded = encodeValidationRequest(batch, this.#bodies);
		try {
			for (let attempt = 1; attempt <= MAX_WORKER_ATTEMPTS; attempt++) {
				try {
					const response = await runOnce(await this.#getPool(), encoded.request);
					this.#events.onSuccess();
					return response;
				} catch (error) {
					this.#events.onFailure(new ValidationWorkerError(error), attempt);
				}
			}
			return undefined;
		} finally {
			for (const body of encoded.owned) body.release();
		}
	}

	async close(): Promise<void> {
		if (!this.#owned || this.#pool === undefined) return;
		const created = await this.#pool.catch(() => undefined);
		await created?.destroy?.();
	}

	#getPool(): Promise<ValidationPool> {
		const workers = this.#workers;
		this.#pool ??= workers.pool
			? Promise.resolve(workers.pool)
			: createTinypoolPool({
					maxThreads: workers.maxThreads,
					idleTimeoutMillis: workers.idleTimeoutMillis,
				});
		return this.#pool;
	}
}

async function runOnce(
	pool: ValidationPool,
	request: ValidationRequest,
): Promise<ValidationResponse> {
	const response = (await pool.run(request)) as Partial<ValidationResponse> | undefined;
	const count = request.items.length;
	const { verdicts, ends, json, invalid } = response ?? {};
	if (
		!(verdicts instanceof Uint8Array && verdicts.length === count) ||
		!(ends instanceof Int32Array && ends.length === count) ||
		!(json instanceof Uint8Array) ||
		!Array.isArray(invalid)
	) {
		throw new TypeError('The validation worker sent a malformed reply');
	}
	return response as ValidationResponse;
}

/** Settings of a pool made by {@link createTinypoolPool}. */
export interface TinypoolPoolOptions {
	/** The worker entry, a file URL or path. @default validationWorkerUrl().href */
	readonly filename?: string;
	/** Worker threads at most; one stays alive (unref'd) while idle. */
	readonly maxThreads: number;
	/** How long a thread beyond the first lives without a task. @default 0 */
	readonly idleTimeoutMillis?: number;
	/** Given to the workers as `Tinypool.workerData` (test fixtures read it). */
	readonly workerData?: unknown;
}

/**
 * The pool the publisher creates on first use: tinypool (pure JavaScript, no native addon), its
 * threads unref'd so an idle process exits, wrapped in {@link GuardedTinypool}.
 */
export async function createTinypoolPool(options: TinypoolPoolOptions): Promise<ValidationPool> {
	const { Tinypool } = await import('tinypool');
	const pool = new Tinypool({
		filename: options.filename ?? validationWorkerUrl().href,
		minThreads: 1,
		maxThreads: options.maxThreads,
		idleTimeout: options.idleTimeoutMillis ?? 0,
		workerData: options.workerData,
	});
	return new GuardedTinypool(pool, options.maxThreads);
}

/**
 * Tinypool plus the guarantees the validator relies on, so that every call settles (tinypool 2
 * leaves a call pending forever in each case): a thread that exits mid-task (`process.exit`, not
 * only a throw) fails its task and is respawned; a task that cannot be cloned never strands the
 * tasks queued behind it; and when no thread can start (a worker entry that fails to load), the
 * queued tasks fail. For the second, tinypool gets at most `maxThreads` tasks at a time, so its
 * own queue never holds more than the threads about to take them; the rest wait here, in order.
 */
class GuardedTinypool implements ValidationPool {
	readonly #pool: Tinypool;
	readonly #maxInFlight: number;
	readonly #waiting = new RingQueue<() => void>(4);
	readonly #watched = new WeakSet<TinypoolWorker>();
	#inFlight = 0;
	#destroyed = false;

	constructor(pool: Tinypool, maxInFlight: number) {
		this.#pool = pool;
		this.#maxInFlight = maxInFlight;
		// A thread that dies without a task has nothing to fail; tinypool replaces it.
		pool.on('error', () => {});
	}

	async run(task: ValidationRequest, options?: { transferList?: ArrayBuffer[] }): Promise<unknown> {
		await this.#acquire();
		if (this.#destroyed) throw new Error('The validation worker pool is destroyed');
		try {
			const result = this.#pool.run(task, options);
			this.#watchThreads();
			return await result;
		} finally {
			this.#release();
		}
	}

	async destroy(): Promise<void> {
		this.#destroyed = true;
		for (let wake = this.#waiting.shift(); wake !== undefined; wake = this.#waiting.shift()) wake();
		await this.#pool.destroy();
	}

	#acquire(): Promise<void> | undefined {
		if (this.#inFlight < this.#maxInFlight) {
			this.#inFlight++;
			return undefined;
		}
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	/** Hands the slot to the oldest waiting task, if any. */
	#release(): void {
		const wake = this.#waiting.shift();
		if (wake === undefined) this.#inFlight--;
		else wake();
	}

	/** Watches the threads tinypool started since the last look (new ones start inside `run`). */
	#watchThreads(): void {
		for (const thread of this.#pool.threads) {
			if (this.#watched.has(thread)) continue;
			this.#watched.add(thread);
			thread.once('exit', (code: number) => this.#exited(thread, code));
		}
	}

	#exited(thread: TinypoolWorker, code: number): void {
		// Tinypool drops a thread from its list before it terminates one, so a thread still listed
		// died on its own: report it the way tinypool handles a thrown error (fail, replace).
		if (this.#pool.threads.includes(thread)) {
			thread.emit('error', new Error(`The validation worker thread exited with code ${code}`));
		}
		this.#watchThreads();
		// Tinypool starts a thread only for a new task or to replace a running one: with none left
		// (the entry fails to load), queued tasks would wait forever, so they fail and are retried.
		if (this.#pool.threads.length === 0) this.#pool.cancelPendingTasks();
	}
}

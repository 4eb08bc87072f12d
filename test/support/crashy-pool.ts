import validateBatch from '../../src/dispatch/validation/worker/validation-worker.js';
import type { ValidationPool } from '../../src/index.js';
import { seededRandom } from './seeded-random.js';

export interface CrashyPoolOptions {
	readonly seed: number;
	/** Probability that a task's worker "dies" (the task rejects, as a real crash does). */
	readonly crashRate: number;
	/** Upper bound of the time a task takes (timers: fake or real). */
	readonly maxLatencyMillis: number;
}

/**
 * An in-process stand-in for the worker pool: it clones the request at `run()` time exactly as a
 * worker thread would (so uncloneable payloads fail the same way), runs the real worker entry
 * (`validation-worker.ts`) after a random delay, and crashes tasks at random.
 */
export function createCrashyPool(options: CrashyPoolOptions) {
	const random = seededRandom(options.seed);
	const counts = { runs: 0, crashes: 0, cloneErrors: 0 };
	const pool: ValidationPool = {
		run(task) {
			counts.runs++;
			const crash = random() < options.crashRate;
			const latency = Math.floor(random() * (options.maxLatencyMillis + 1));
			let copy: typeof task;
			try {
				copy = structuredClone(task);
			} catch (error) {
				counts.cloneErrors++;
				return Promise.reject(error);
			}
			return new Promise((resolve, reject) => {
				setTimeout(() => {
					if (crash) {
						counts.crashes++;
						reject(new Error('worker thread exited with code 1 (simulated crash)'));
					} else resolve(validateBatch(copy));
				}, latency);
			});
		},
	};
	return { pool, counts };
}

// Validation on worker threads: the pool, the request built from slabs, the worker entry file.
// Entry of src/dispatch/validation/worker/: what the rest of the package takes from it.

export type { WorkerValidator } from './validation-pool.js';
export { createWorkerValidator, validationWorkerUrl } from './validation-pool.js';
export type { WorkerAnswer } from './worker-batches.js';
export { WorkerBatches } from './worker-batches.js';

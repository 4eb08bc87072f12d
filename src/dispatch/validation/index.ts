// Stage 3, validation: captured at emit (objects), inline per batch or on workers (raw bodies).
// Entry of src/dispatch/validation/: what the rest of the package takes from it.

export type { BatchValidator } from './batch-validator.js';
export { createBatchValidator } from './batch-validator.js';
export { captureEvent, InvalidCapture } from './capture-event.js';
export type { ValidationOutcome } from './inline-validation.js';
export { validateInline } from './inline-validation.js';
export { validateSync } from './sync-validation.js';
export { createWorkerValidator, validationWorkerUrl } from './worker/index.js';

// Stage 4, the envelope: CloudEvents envelopes, ids, trace context, JSON kept from validation.
// Entry of src/dispatch/envelope/: what the rest of the package takes from it.

export type { EnvelopeFactory } from './envelope-factory.js';
export { createEnvelopeFactory, wallClockOffset } from './envelope-factory.js';
export { activeSpanContext } from './trace-context.js';

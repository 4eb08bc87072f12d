// Stage 6, the bus: the adapter contract, bus errors and the embedded in-process bus.
// Entry of src/bus/: what the rest of the package takes from it.
export type {
	BusAdapter,
	BusBatchingDefaults,
	BusItemFailure,
	PublishBatchResult,
} from './bus-adapter.js';
export type { InvalidMessageReason } from './bus-errors.js';
export {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
	InvalidEnvelopeError,
	InvalidMessageError,
} from './bus-errors.js';
export type { InProcessBus, InProcessBusOptions, InProcessHandler } from './in-process-bus.js';
export { createInProcessBus } from './in-process-bus.js';

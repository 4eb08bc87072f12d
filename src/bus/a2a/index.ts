// Subpath entry `@cortex-os/integrations/a2a`: the adapter onto Cortex-OS's A2A transport.

export type { BusAdapter, BusItemFailure, PublishBatchResult } from '../bus-adapter.js';
export {
	BusClosedError,
	BusPublishError,
	BusTimeoutError,
	InvalidEnvelopeError,
} from '../bus-errors.js';
export type {
	A2ABusAdapterOptions,
	A2APublishFn,
	A2ATransport,
} from './a2a-bus-adapter.js';
export { A2A_BUS_DEFAULTS, createA2ABusAdapter } from './a2a-bus-adapter.js';
export type { A2AEnvelope } from './a2a-envelope.js';
export { toA2AEnvelope } from './a2a-envelope.js';

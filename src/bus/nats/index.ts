// Entry of `@cortex-os/integrations/nats`: the NATS bus adapter (core and JetStream), the consumer
// helper and the codec. Needs `@nats-io/transport-node` (and `@nats-io/jetstream` for
// `ensureIntegrationsStream`).

export type {
	BusAdapter,
	BusBatchingDefaults,
	BusItemFailure,
	PublishBatchResult,
} from '../bus-adapter.js';
export type { InvalidMessageReason } from '../bus-errors.js';
export {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
	InvalidEnvelopeError,
	InvalidMessageError,
} from '../bus-errors.js';
export type {
	IntegrationsStreamInfo,
	IntegrationsStreamOptions,
} from './ensure-integrations-stream.js';
export {
	ensureIntegrationsStream,
	INTEGRATIONS_STREAM_DEFAULTS,
} from './ensure-integrations-stream.js';
export type { NatsBusAdapter } from './nats-bus-adapter.js';
export { createNatsBusAdapter } from './nats-bus-adapter.js';
export type { NatsBusAdapterOptions, NatsJetStreamOptions } from './nats-bus-options.js';
export { NATS_BATCHING_DEFAULTS, NATS_BUS_DEFAULTS } from './nats-bus-options.js';
export type { NatsEncoding, NatsOutgoingMessage } from './codec/index.js';
export {
	encodeBinary,
	encodeStructured,
	natsSubject,
	STRUCTURED_CONTENT_TYPE,
} from './codec/index.js';
export type { DecodeResult, NatsMessageLike } from './codec/index.js';
export { decodeNatsMessage } from './codec/index.js';
export type { JetStreamApiErrorBody } from './publish/index.js';
export { JetStreamRefusal } from './publish/index.js';
export type { NatsEnvelopeSubscription, SubscribeNatsOptions } from './subscribe-nats.js';
export { subscribeNats } from './subscribe-nats.js';

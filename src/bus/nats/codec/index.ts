// NATS wire format: envelopes to messages (structured or binary CloudEvents) and back.
// Entry of src/bus/nats/codec/: what the rest of the package takes from it.

export type { NatsEncoding, NatsOutgoingMessage } from './nats-codec.js';
export {
	encodeBinary,
	encodeStructured,
	natsSubject,
	STRUCTURED_CONTENT_TYPE,
	structuredHeaders,
} from './nats-codec.js';
export type { DecodeResult, NatsMessageLike } from './nats-decode.js';
export { decodeNatsMessage } from './nats-decode.js';

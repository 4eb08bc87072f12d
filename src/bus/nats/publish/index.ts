// NATS publishing: core NATS with flush, JetStream with an ack pipeline.
// Entry of src/bus/nats/publish/: what the rest of the package takes from it.

export type { EncodeFn } from './core-publish.js';
export { createCorePublish } from './core-publish.js';
export { createJetStreamPublish } from './jetstream-publish.js';
export type { JetStreamApiErrorBody } from './pub-ack.js';
export { JetStreamRefusal } from './pub-ack.js';

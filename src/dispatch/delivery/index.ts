// Stage 5, delivery: bus calls per topic group, watchdog, retries with backoff, settling.
// Entry of src/dispatch/delivery/: what the rest of the package takes from it.

export type { DeliveryFailure } from './bus-delivery.js';
export { BusDelivery, readResult, wholeFailure } from './bus-delivery.js';
export { DeliverySettler } from './delivery-settler.js';
export type { PublishGroup } from './publish-group.js';
export { RetryScheduler } from './retry-scheduler.js';
export { TopicGate } from './topic-gate.js';

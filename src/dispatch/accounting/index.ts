// Where every offered event ends (delivered, invalid, dropped, dead-lettered) and is counted.
// Entry of src/dispatch/accounting/: what the rest of the package takes from it.
export { EventAccounting } from './event-accounting.js';
export { processKeepAlive } from './keep-alive.js';
export type { PublisherCounters, PublisherStats } from './publisher-counters.js';
export {
	createPublisherCounters,
	DROP_DISPLACED,
	DROP_QUEUE_FULL,
	DROP_REASONS,
	DROP_REJECTED,
	snapshotStats,
} from './publisher-counters.js';
export { SettleTracker } from './settle-tracker.js';

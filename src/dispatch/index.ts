// Entry of src/dispatch/: what the rest of the package takes from it.
export type { PublisherStats } from './accounting/index.js';
export type { EmitStatus } from './batch-dispatcher.js';
export type {
	AuditRecord,
	BatchingOptions,
	ConfigEnv,
	DeadLetterReport,
	DroppedEventReport,
	DropReason,
	InvalidEventReport,
	OverflowPolicy,
	PublisherOptions,
	RetryOptions,
	ValidationIssue,
	ValidationMode,
	ValidationPool,
	WorkerOptions,
} from './options/index.js';
export { loadPublisherConfig, PUBLISHER_DEFAULTS } from './options/index.js';
export type { EventPriority } from './pending-event.js';
export type { EmitOptions, IntegrationsPublisher } from './publisher.js';
export { createIntegrationsPublisher } from './publisher.js';
export {
	CloseTimeoutError,
	FlushTimeoutError,
	InvalidBodyError,
	PublisherClosedError,
	QueueFullError,
	UnknownTopicError,
	ValidationWorkerError,
} from './publisher-errors.js';
export { validationWorkerUrl } from './validation/index.js';

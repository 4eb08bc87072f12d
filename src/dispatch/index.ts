// The publisher: emit() → queue → validation → envelope → delivery → bus, with accounting at each exit.
// Entry of src/dispatch/: what the rest of the package takes from it.
export type { PublisherStats } from './accounting/index.js';
export type {
	AuditRecord,
	BatchingOptions,
	ConfigEnv,
	DeadLetterReport,
	DroppedEventReport,
	DropReason,
	EmitStatus,
	EventPriority,
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

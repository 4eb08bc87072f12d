// The publisher's options: public option types, defaults resolved in one place, the environment.
// Entry of src/dispatch/options/: what the rest of the package takes from it.

export type { ConfigEnv } from './load-publisher-config.js';
export { loadPublisherConfig, withEnvironment } from './load-publisher-config.js';
export type {
	AuditRecord,
	BatchingOptions,
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
} from './publisher-options.js';
export type {
	ResolvedBatching,
	ResolvedPublisherOptions,
	ResolvedWorkers,
} from './resolve-publisher-options.js';
export { PUBLISHER_DEFAULTS, resolvePublisherOptions } from './resolve-publisher-options.js';

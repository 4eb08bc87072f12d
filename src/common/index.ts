// Shared by every stage: the error base classes, error text, option checks, backoff and a JSON
// Schema type.
// Entry of src/common/: what the rest of the package takes from it.
export { backoffDelayMillis } from './backoff.js';
export type {
	BusErrorCode,
	ConfigErrorCode,
	HttpErrorCode,
	IntegrationsErrorCode,
	McpErrorCode,
	PublisherErrorCode,
	StoreErrorCode,
} from './error-codes.js';
export { describeError, describeValue, errorMessage } from './error-text.js';
export { IntegrationsError, InvalidOptionError, MissingPeerError } from './errors.js';
export type { JsonSchemaObject } from './json-schema.js';
export {
	booleanOption,
	checkBoolean,
	checkInteger,
	checkObject,
	checkRecord,
	durationOption,
	expectedGot,
	failOption,
	functionOption,
	integerOption,
	integerRange,
	methodsOption,
	nonNegativeInteger,
	oneOf,
	positiveInteger,
	positiveNumber,
} from './option-checks.js';

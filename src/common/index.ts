// Entry of src/common/: what the rest of the package takes from it.
export {
	describeValue,
	IntegrationsError,
	InvalidOptionError,
	MissingPeerError,
} from './errors.js';
export type { JsonSchemaObject } from './json-schema.js';

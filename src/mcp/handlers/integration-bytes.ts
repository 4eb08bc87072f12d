import type { CreateIntegrationToolInput } from '../schemas/index.js';

/** Fixed cost of one integration: record object, id, dates, store indexes, vault entry. */
const INTEGRATION_OVERHEAD_BYTES = 2048;
/** V8 string header plus slack; string contents are counted as UTF-16 (2 bytes a character). */
const STRING_OVERHEAD_BYTES = 32;
/** One property of a headers or credentials object. */
const ENTRY_OVERHEAD_BYTES = 64;

const stringBytes = (text: string | undefined) =>
	text === undefined ? 0 : 2 * text.length + STRING_OVERHEAD_BYTES;

/**
 * An upper bound of the heap an integration created from `input` holds: the record (name,
 * endpoint, headers, secret names) and the sealed credentials (each value, the header derived
 * from it, and its redaction copy), every string counted as UTF-16. `maxTenantBytes` and
 * `maxStoredBytes` are charged with it.
 */
export function estimateIntegrationBytes(input: CreateIntegrationToolInput): number {
	let bytes = INTEGRATION_OVERHEAD_BYTES + stringBytes(input.name) + stringBytes(input.type);
	bytes += stringBytes(input.config.endpoint);
	for (const [name, value] of Object.entries(input.config.headers ?? {})) {
		// The lowercased name, its secret name when sensitive, the value and its sealed copy.
		bytes += ENTRY_OVERHEAD_BYTES + 3 * stringBytes(name) + 2 * stringBytes(value);
	}
	for (const [key, value] of Object.entries(input.config.credentials ?? {})) {
		// The key twice (vault, secret names), the value, its derived header and redaction copy.
		bytes += ENTRY_OVERHEAD_BYTES + 2 * stringBytes(key) + 3 * stringBytes(value);
	}
	return bytes;
}

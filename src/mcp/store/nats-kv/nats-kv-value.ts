import type { IntegrationRecord, IntegrationSecrets } from '../integration-store.js';
import { UnsealError } from '../store-errors.js';
import type { SecretBox } from './secret-box.js';

/**
 * One KV value: the record and its secrets, each sealed on its own (so listing never opens the
 * secrets), and the revision that created the record (`seq`, absent on that first revision). Only
 * the integration id (the key) and these field names are readable on NATS.
 */
interface StoredValue {
	readonly v: 1;
	readonly seq?: number;
	readonly record: string;
	readonly secrets?: string;
}

/** A value opened for the cache: the record in clear, the secrets still sealed. */
export interface OpenedValue {
	readonly record: IntegrationRecord;
	/** Creation revision: the list position, the same on every replica. */
	readonly seq: number;
	readonly secrets: string | undefined;
	/** Key id the record was sealed with (a rotation re-seals the values under an older one). */
	readonly keyId: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const recordContext = (id: string) => `record:${id}`;
const secretsContext = (id: string) => `secrets:${id}`;

/** Seals the secrets of integration `id`. */
export function sealSecrets(box: SecretBox, id: string, secrets: IntegrationSecrets): string {
	const plain = JSON.stringify({ headers: secrets.headers, values: secrets.values });
	return box.seal(plain, secretsContext(id));
}

/** Opens secrets sealed by `sealSecrets` (throws `UnsealError`). */
export function openSecrets(box: SecretBox, id: string, sealed: string): IntegrationSecrets {
	const parsed = JSON.parse(box.open(sealed, secretsContext(id))) as IntegrationSecrets;
	return { headers: parsed.headers, values: parsed.values };
}

/** Sealed secrets under the current key (re-sealed when an older key sealed them). */
export function currentSecrets(box: SecretBox, id: string, sealed: string | undefined) {
	if (sealed === undefined || box.keyIdOf(sealed) === box.keyId) return sealed;
	return box.seal(box.open(sealed, secretsContext(id)), secretsContext(id));
}

/** The bytes stored under the record's id. `seq` is omitted on the creating write. */
export function encodeValue(
	box: SecretBox,
	record: IntegrationRecord,
	secrets: string | undefined,
	seq: number | undefined,
): Uint8Array {
	const value: StoredValue = {
		v: 1,
		...(seq !== undefined && { seq }),
		record: box.seal(JSON.stringify(record), recordContext(record.id)),
		...(secrets !== undefined && { secrets }),
	};
	return encoder.encode(JSON.stringify(value));
}

/** Opens the value stored under `id` at `revision` (throws `UnsealError`). */
export function decodeValue(
	box: SecretBox,
	id: string,
	revision: number,
	bytes: Uint8Array,
): OpenedValue {
	let value: StoredValue;
	try {
		value = JSON.parse(decoder.decode(bytes)) as StoredValue;
	} catch {
		throw new UnsealError('malformed', undefined, box.keyIds);
	}
	if (value?.v !== 1 || typeof value.record !== 'string') {
		throw new UnsealError('malformed', undefined, box.keyIds);
	}
	const record = JSON.parse(box.open(value.record, recordContext(id))) as IntegrationRecord;
	return {
		record: Object.freeze(record),
		seq: typeof value.seq === 'number' ? value.seq : revision,
		secrets: typeof value.secrets === 'string' ? value.secrets : undefined,
		keyId: box.keyIdOf(value.record) ?? box.keyId,
	};
}

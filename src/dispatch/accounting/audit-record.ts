import { ENVELOPE_DATA_JSON, type IntegrationsEnvelope } from '../../events/index.js';
import type { AuditRecord } from '../options/index.js';

type HashFn = (data: string) => string;

let sha256Hex: HashFn | undefined;

/** `node:crypto` (~2.5 ms to load) is loaded with the first hash, not when the package is imported. */
function createSha256Hex(): HashFn {
	const crypto = process.getBuiltinModule('node:crypto');
	// One-shot `crypto.hash` (Node >= 20.12) is cheaper than `createHash` for small inputs.
	const oneShot = (
		crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }
	).hash;
	return typeof oneShot === 'function'
		? (data) => oneShot('sha256', data, 'hex')
		: (data) => crypto.createHash('sha256').update(data).digest('hex');
}

/** The canonical JSON of an envelope's payload: the worker's string, or `JSON.stringify(data)`. */
export function canonicalPayloadJson(envelope: IntegrationsEnvelope): string {
	const json = (envelope as { [ENVELOPE_DATA_JSON]?: string })[ENVELOPE_DATA_JSON];
	return json ?? JSON.stringify(envelope.data);
}

/** The audit record of an envelope; the hash is computed on first read of `payloadSha256` only. */
export function createAuditRecord(envelope: IntegrationsEnvelope): AuditRecord {
	let digest: string | undefined;
	return {
		id: envelope.id,
		type: envelope.type,
		get payloadSha256(): string {
			sha256Hex ??= createSha256Hex();
			digest ??= sha256Hex(canonicalPayloadJson(envelope));
			return digest;
		},
	};
}

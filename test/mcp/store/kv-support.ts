import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach } from 'vitest';
import type { IntegrationRecord } from '../../../src/mcp/store/integration-store.js';
import {
	createNatsKvIntegrationStore,
	type NatsKvIntegrationStore,
} from '../../../src/mcp/store/nats-kv/nats-kv-integration-store.js';
import type { NatsKvIntegrationStoreOptions } from '../../../src/mcp/store/nats-kv/nats-kv-options.js';

// Helpers of the NATS KV store tests: keys, records, stores closed after each test, and the raw
// bytes NATS holds for a bucket (every message of its stream, and the server's files on disk).

export const newKey = () => randomBytes(32).toString('base64');

let bucketCount = 0;
/** A bucket name of its own for each test (the server is shared by a file's tests). */
export const freshBucket = () => `t${process.pid}_${++bucketCount}`;

export const record = (
	n: number,
	overrides: Partial<IntegrationRecord> = {},
): IntegrationRecord => ({
	id: `int_${String(n).padStart(6, '0')}`,
	tenantId: 't1',
	name: `n${n}`,
	type: 'api',
	status: 'inactive',
	headers: {},
	secretNames: [],
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	...overrides,
});

/** Opens stores that `afterEach` closes (a test may close one earlier: close() runs once). */
export function useStores() {
	const open: NatsKvIntegrationStore[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((store) => store.close()));
	});
	return async (options: NatsKvIntegrationStoreOptions): Promise<NatsKvIntegrationStore> => {
		const store = await createNatsKvIntegrationStore({ timeoutMillis: 2_000, ...options });
		open.push(store);
		return store;
	};
}

/** Every message (headers and data) ever kept in the bucket's stream, as bytes. */
export async function bucketMessages(nc: NatsConnection, bucket: string): Promise<Buffer[]> {
	const jsm = await jetstreamManager(nc);
	const stream = `KV_${bucket}`;
	const { state } = await jsm.streams.info(stream);
	const messages: Buffer[] = [];
	for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
		const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
		if (!message) continue;
		const headers = message.header ? String(message.header) : '';
		messages.push(Buffer.concat([Buffer.from(`${message.subject}\n${headers}\n`), message.data]));
	}
	return messages;
}

/** Every file under `dir` (the server's JetStream store), as bytes. */
export function filesUnder(dir: string): Buffer[] {
	return readdirSync(dir, { recursive: true })
		.map((name) => join(dir, String(name)))
		.filter((path) => statSync(path).isFile())
		.map((path) => readFileSync(path));
}

/** A secret in every encoding it could be stored in. */
export function encodingsOf(secret: string): Record<string, string> {
	const bytes = Buffer.from(secret, 'utf8');
	return {
		raw: secret,
		base64: bytes.toString('base64'),
		base64url: bytes.toString('base64url'),
		hex: bytes.toString('hex'),
		hexUpper: bytes.toString('hex').toUpperCase(),
		...shiftedBase64(bytes),
		urlEncoded: encodeURIComponent(secret),
		jsonEscaped: JSON.stringify(secret).slice(1, -1),
		jsonAscii: [...secret]
			.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
			.join(''),
	};
}

/** Base64 of the secret inside a longer text, at the two other alignments (whole groups only). */
function shiftedBase64(bytes: Buffer): Record<string, string> {
	const forms: Record<string, string> = {};
	for (const shift of [1, 2]) {
		const text = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const inner = text.slice(4, text.length - 4);
		if (inner.length >= 8) {
			forms[`base64+${shift}`] = inner;
			forms[`base64url+${shift}`] = inner.replaceAll('+', '-').replaceAll('/', '_');
		}
	}
	return forms;
}

/** `secret as encoding` for every blob that holds a secret in any encoding. */
export function findLeaks(blobs: readonly Buffer[], secrets: readonly string[]): string[] {
	const leaks: string[] = [];
	for (const secret of secrets) {
		for (const [name, form] of Object.entries(encodingsOf(secret))) {
			if (blobs.some((blob) => blob.includes(form))) leaks.push(`${secret} as ${name}`);
		}
	}
	return leaks;
}

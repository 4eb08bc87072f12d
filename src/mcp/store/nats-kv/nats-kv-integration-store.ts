import { InvalidOptionError } from '../../../common/index.js';
import { StoreFullError } from '../../runtime-errors.js';
import type {
	IntegrationRecord,
	IntegrationSecrets,
	IntegrationStatusUpdate,
	IntegrationStore,
} from '../integration-store.js';
import { StoreConflictError, StoreValueTooLargeError } from '../store-errors.js';
import { type CachedIntegration, KvRecordCache } from './nats-kv-cache.js';
import { isRevisionConflict, type KvLink, openKvLink } from './nats-kv-link.js';
import {
	type NatsKvIntegrationStoreOptions,
	type ResolvedNatsKvOptions,
	resolveNatsKvStoreOptions,
} from './nats-kv-options.js';
import {
	currentSecrets,
	decodeValue,
	encodeValue,
	openSecrets,
	sealSecrets,
} from './nats-kv-value.js';
import { type BucketWatch, watchBucket } from './nats-kv-watch.js';

/** An `IntegrationStore` shared by every replica through a NATS JetStream KV bucket. */
export interface NatsKvIntegrationStore extends IntegrationStore {
	getSecrets(tenantId: string, id: string): Promise<IntegrationSecrets | undefined>;
	/** Resolves when NATS and the bucket answer; throws `ERR_STORE_UNAVAILABLE` otherwise. */
	ping(): Promise<void>;
	/**
	 * Re-seals, with the current key, every value still sealed with a previous one (compare-and-set,
	 * so replicas may run it at once). After it, the previous key can be retired.
	 */
	reseal(): Promise<{ resealed: number }>;
	/** Integrations this replica sees (all tenants). */
	readonly size: number;
	/** Id of the key that seals (8 characters, derived from the key; it is in every sealed value). */
	readonly keyId: string;
	/** Stops the watch; closes the connection when the store opened it. Runs once. */
	close(): Promise<void>;
}

/** What the store's operations share. */
interface StoreParts {
	readonly o: ResolvedNatsKvOptions;
	readonly link: KvLink;
	readonly cache: KvRecordCache;
	readonly watch: BucketWatch;
}

/** A record as found in the cache or read from the bucket, with what a rewrite needs. */
type Located = Pick<CachedIntegration, 'record' | 'seq' | 'secrets' | 'keyId' | 'revision'>;

/** Ids the runtime creates (`int_<uuid>`) and any other that is a valid single-token KV key. */
const KEY = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Opens (creating when missing) the KV bucket, loads it into a local cache and follows it with a KV
 * watch, so reads are served from memory and every replica sees every write. Records and secrets
 * are sealed with AES-256-GCM before they reach NATS. Resolves once the cache is loaded.
 */
export async function createNatsKvIntegrationStore(
	options: NatsKvIntegrationStoreOptions,
): Promise<NatsKvIntegrationStore> {
	const o = resolveNatsKvStoreOptions(options);
	const link = await openKvLink(o);
	const cache = new KvRecordCache();
	let watch: BucketWatch;
	try {
		watch = await watchBucket(link, cache, o);
	} catch (error) {
		await link.close();
		throw error;
	}
	return buildStore({ o, link, cache, watch });
}

function buildStore(parts: StoreParts): NatsKvIntegrationStore {
	const { o, link, cache, watch } = parts;
	let closing: Promise<void> | undefined;
	return {
		insert: (record, secrets) => insert(parts, record, secrets),
		get(tenantId, id) {
			link.check();
			const hit = cache.find(tenantId, id);
			return hit ? hit.record : readThrough(parts, tenantId, id).then((found) => found?.record);
		},
		updateStatus: (tenantId, id, update) => updateStatus(parts, tenantId, id, update),
		list(query) {
			link.check();
			return cache.list(query);
		},
		getSecrets: (tenantId, id) => getSecrets(parts, tenantId, id),
		async ping() {
			await link.run(() => link.kv.status(), 'reaching the bucket');
		},
		reseal: () => reseal(parts),
		get size() {
			return cache.size;
		},
		keyId: o.box.keyId,
		close() {
			closing ??= (async () => {
				watch.stop();
				await link.close();
			})();
			return closing;
		},
	};
}

async function insert(
	{ o, link, cache, watch }: StoreParts,
	record: IntegrationRecord,
	secrets: IntegrationSecrets | undefined,
): Promise<void> {
	link.check();
	if (cache.size >= o.maxIntegrations) throw new StoreFullError(o.maxIntegrations);
	if (!KEY.test(record.id)) {
		throw new InvalidOptionError('record.id', 'expected 1..200 characters of A-Z a-z 0-9 _ -');
	}
	const hasSecrets = secrets && (secrets.values.length > 0 || Object.keys(secrets.headers).length);
	const sealed = hasSecrets ? sealSecrets(o.box, record.id, secrets) : undefined;
	const value = fitting(link, encodeValue(o.box, record, sealed, undefined));
	let revision: number;
	try {
		revision = await link.run(() => link.kv.create(record.id, value), 'creating the integration');
	} catch (error) {
		throw isRevisionConflict(error) ? new StoreConflictError(1, { cause: error }) : error;
	}
	await watch.reached(revision);
}

/** The value, unless it is over the server's `max_payload` (headers and subject take ~200 bytes). */
function fitting(link: KvLink, value: Uint8Array): Uint8Array {
	const maxBytes = link.maxPayloadBytes();
	if (maxBytes !== undefined && value.length + 512 > maxBytes) {
		throw new StoreValueTooLargeError(value.length, maxBytes - 512);
	}
	return value;
}

/** The tenant's record, from the cache or (not yet seen by the watch) from the bucket. */
async function locate(parts: StoreParts, tenantId: string, id: string) {
	parts.link.check();
	return parts.cache.find(tenantId, id) ?? readThrough(parts, tenantId, id);
}

/** Reads the latest value from the bucket (a miss, or after losing a compare-and-set). */
async function readThrough(
	{ o, link }: StoreParts,
	tenantId: string,
	id: string,
): Promise<Located | undefined> {
	if (!KEY.test(id)) return undefined;
	const entry = await link.run(() => link.kv.get(id), 'reading the integration');
	if (entry?.operation !== 'PUT') return undefined;
	const value = decodeValue(o.box, id, entry.revision, entry.value);
	return value.record.tenantId === tenantId ? { ...value, revision: entry.revision } : undefined;
}

async function getSecrets(parts: StoreParts, tenantId: string, id: string) {
	const found = await locate(parts, tenantId, id);
	return found?.secrets === undefined ? undefined : openSecrets(parts.o.box, id, found.secrets);
}

/**
 * Writes the status of a finished test. A test that finished before the stored one
 * (`lastTestedAt`) does not overwrite it, whichever replica writes last.
 */
async function updateStatus(
	parts: StoreParts,
	tenantId: string,
	id: string,
	update: IntegrationStatusUpdate,
): Promise<IntegrationRecord | undefined> {
	const result = await rewrite(parts, tenantId, id, ({ record }) => {
		const stored = record.lastTestedAt;
		if (stored !== undefined && stored > update.lastTestedAt) return undefined;
		return Object.freeze({ ...record, ...update });
	});
	return result?.record;
}

/**
 * Compare-and-set loop: `change` gives the record to write (or `undefined`: nothing to write); a
 * lost race reads the latest value and tries again, `maxUpdateAttempts` times at most.
 */
async function rewrite(
	parts: StoreParts,
	tenantId: string,
	id: string,
	change: (current: Located) => IntegrationRecord | undefined,
): Promise<{ record: IntegrationRecord; written: boolean } | undefined> {
	const { o, link, watch } = parts;
	let current = await locate(parts, tenantId, id);
	for (let attempt = 1; current; attempt++) {
		const record = change(current);
		if (!record) return { record: current.record, written: false };
		const secrets = currentSecrets(o.box, id, current.secrets);
		const value = fitting(link, encodeValue(o.box, record, secrets, current.seq));
		const expected = current.revision;
		try {
			const revision = await link.run(
				() => link.kv.update(id, value, expected),
				'updating the integration',
			);
			await watch.reached(revision);
			return { record, written: true };
		} catch (error) {
			if (!isRevisionConflict(error)) throw error;
			if (attempt >= o.maxUpdateAttempts) throw new StoreConflictError(attempt, { cause: error });
			current = await readThrough(parts, tenantId, id);
		}
	}
	return undefined;
}

async function reseal(parts: StoreParts): Promise<{ resealed: number }> {
	const { box } = parts.o;
	const stale = (found: Located) =>
		found.keyId !== box.keyId ||
		(found.secrets !== undefined && box.keyIdOf(found.secrets) !== box.keyId);
	let resealed = 0;
	for (const entry of [...parts.cache.entries()]) {
		if (!stale(entry)) continue;
		const { tenantId, id } = entry.record;
		const result = await rewrite(parts, tenantId, id, (found) =>
			stale(found) ? found.record : undefined,
		);
		if (result?.written) resealed++;
	}
	return { resealed };
}

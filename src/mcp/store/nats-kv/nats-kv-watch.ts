import type { KvWatchEntry } from '@nats-io/kv';
import { StoreUnavailableError, UnsealError } from '../store-errors.js';
import type { KvRecordCache } from './nats-kv-cache.js';
import type { KvLink } from './nats-kv-link.js';
import type { ResolvedNatsKvOptions } from './nats-kv-options.js';
import { decodeValue, type OpenedValue } from './nats-kv-value.js';

/** The KV watch that keeps this replica's cache current. */
export interface BucketWatch {
	/** Resolves once the cache has applied `revision`, or after `timeoutMillis` at the latest. */
	reached(revision: number): Promise<void>;
	stop(): void;
}

/**
 * Loads the bucket into `cache` (last value of every key, applied in creation order), then follows
 * every change in revision order. Resolves once loaded; throws `UnsealError` when a value was
 * sealed with a key this replica lacks (a wrong or missing key: it must not serve a partial view).
 */
export async function watchBucket(
	link: KvLink,
	cache: KvRecordCache,
	o: ResolvedNatsKvOptions,
): Promise<BucketWatch> {
	const status = await link.run(() => link.kv.status(), 'reading the bucket');
	const watcher = await link.run(() => link.kv.watch(), 'watching the bucket');
	const follower = new CacheFollower(cache, o, status.streamInfo.state.messages > 0);
	let stopped = false;
	const lost = (reason: string) => {
		if (stopped) return;
		o.log('error', `integration store: ${reason}; calls fail until a restart`, {});
		link.fail(reason);
		follower.fail(new StoreUnavailableError(reason));
	};
	void (async () => {
		for await (const entry of watcher) follower.apply(entry);
	})().then(
		() => lost('the KV watch stopped'),
		(error: unknown) => lost(`the KV watch failed (${String(error)})`),
	);
	const stop = () => {
		stopped = true;
		watcher.stop();
		follower.stop();
	};
	try {
		await follower.loaded;
	} catch (error) {
		stop();
		throw error;
	}
	return { reached: (revision) => follower.reached(revision), stop };
}

interface Loaded {
	readonly id: string;
	readonly revision: number;
	readonly value: OpenedValue;
}

/** Applies watch entries: buffered until the initial load ends, then one by one. */
class CacheFollower {
	readonly loaded: Promise<void>;
	readonly #cache: KvRecordCache;
	readonly #o: ResolvedNatsKvOptions;
	#initial: Loaded[] | undefined;
	#lastRevision = 0;
	/** A value of the initial load sealed with a key this replica lacks: it refuses to start. */
	#refused: UnsealError | undefined;
	/** Values of the initial load that could not be opened (logged once, with the first error). */
	#skipped = 0;
	#firstSkip: unknown;
	readonly #waiters = new Map<() => void, number>();
	#settle!: { resolve: () => void; reject: (error: Error) => void };

	constructor(cache: KvRecordCache, o: ResolvedNatsKvOptions, hasValues: boolean) {
		this.#cache = cache;
		this.#o = o;
		this.loaded = new Promise<void>((resolve, reject) => {
			this.#settle = { resolve, reject };
		});
		this.loaded.catch(() => {});
		if (hasValues) this.#initial = [];
		else this.#settle.resolve();
	}

	apply(entry: KvWatchEntry): void {
		if (this.#refused) return;
		const cache = this.#cache;
		if (entry.operation !== 'PUT') cache.remove(entry.key, entry.revision);
		// Loading, the cache is empty (`load` drops older revisions); then, own writes came first.
		else if (this.#initial || entry.revision > cache.revisionOf(entry.key)) this.#put(entry);
		if (this.#initial && !this.#refused && (entry.delta ?? 0) === 0) this.#finishLoad();
		this.#lastRevision = Math.max(this.#lastRevision, entry.revision);
		for (const [resolve, wanted] of this.#waiters) if (wanted <= this.#lastRevision) resolve();
	}

	reached(revision: number): Promise<void> {
		if (revision <= this.#lastRevision) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#waiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, this.#o.timeoutMillis);
			timer.unref();
			this.#waiters.set(done, revision);
		});
	}

	fail(error: Error): void {
		this.#settle.reject(error);
	}

	stop(): void {
		for (const resolve of this.#waiters.keys()) resolve();
	}

	#put(entry: KvWatchEntry): void {
		try {
			const value = decodeValue(this.#o.box, entry.key, entry.revision, entry.value);
			if (this.#initial) this.#initial.push({ id: entry.key, revision: entry.revision, value });
			else this.#cache.put(entry.key, entry.revision, value);
		} catch (error) {
			this.#unreadable(error, entry.key);
		}
	}

	#finishLoad(): void {
		if (this.#skipped > 0) this.#logUnreadable(this.#firstSkip, { skipped: this.#skipped });
		this.#cache.load(this.#initial ?? []);
		this.#initial = undefined;
		const { bucket, log } = this.#o;
		log('info', 'integration store loaded', { bucket, integrations: this.#cache.size });
		this.#settle.resolve();
	}

	#unreadable(error: unknown, id: string): void {
		if (!this.#initial) {
			this.#logUnreadable(error, { integrationId: id });
			return;
		}
		if (error instanceof UnsealError && error.reason === 'unknown-key') {
			this.#refused = error;
			this.#initial = undefined;
			this.#settle.reject(error);
			return;
		}
		this.#skipped++;
		this.#firstSkip ??= error;
	}

	#logUnreadable(error: unknown, fields: Record<string, unknown>): void {
		this.#o.log('error', 'integration store: stored values cannot be opened; skipped', {
			...fields,
			code: (error as { code?: unknown }).code,
			reason: (error as { reason?: unknown }).reason,
			keyId: (error as { keyId?: unknown }).keyId,
		});
	}
}

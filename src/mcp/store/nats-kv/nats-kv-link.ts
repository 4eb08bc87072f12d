import type { KV } from '@nats-io/kv';
import type { NatsConnection, Status } from '@nats-io/transport-node';
import { IntegrationsError, MissingPeerError } from '../../../common/index.js';
import { StoreUnavailableError } from '../store-errors.js';
import { displayServer, type ResolvedNatsKvOptions } from './nats-kv-options.js';

/** The store's hold on NATS: the bucket, whether it is reachable, and requests guarded by that. */
export interface KvLink {
	readonly kv: KV;
	/** The largest message the connected server accepts (`max_payload`), when known. */
	maxPayloadBytes(): number | undefined;
	/** Throws `ERR_STORE_UNAVAILABLE` while the connection is down, after `fail()` and after `close()`. */
	check(): void;
	/**
	 * Runs one KV request: refused at once while down, rejected at once when the connection drops,
	 * a transport failure (timeout, no responders, ...) as `ERR_STORE_UNAVAILABLE`. A
	 * compare-and-set conflict passes through (see `isRevisionConflict`).
	 */
	run<T>(request: () => Promise<T>, what: string): Promise<T>;
	/** Marks the store unavailable for good (the watch stopped): its view can no longer follow. */
	fail(reason: string): void;
	/** Stops following the connection; closes it when the store opened it. Runs once. */
	close(): Promise<void>;
}

const WRONG_LAST_SEQUENCE = 10071;

/** A write refused because the key is no longer at the expected revision (or already exists). */
export function isRevisionConflict(error: unknown): boolean {
	const e = error as { name?: unknown; code?: unknown } | null;
	return e?.name === 'JetStreamApiError' && e.code === WRONG_LAST_SEQUENCE;
}

const describe = (error: unknown) =>
	error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Connects (unless given a connection), opens or creates the bucket, and follows the status. */
export async function openKvLink(o: ResolvedNatsKvOptions): Promise<KvLink> {
	const [{ jetstream }, { Kvm }] = await Promise.all([
		importPeer('@nats-io/jetstream', () => import('@nats-io/jetstream')),
		importPeer('@nats-io/kv', () => import('@nats-io/kv')),
	]);
	const nc = o.connection ?? (await connectOwned(o));
	try {
		const kvm = new Kvm(jetstream(nc, { timeout: o.timeoutMillis }));
		const kv = await kvm.create(o.bucket, { replicas: o.replicas, history: 1 });
		return followLink(nc, kv, o);
	} catch (error) {
		if (!o.connection) await nc.close().catch(() => {});
		throw new StoreUnavailableError(
			`cannot open the KV bucket ${JSON.stringify(o.bucket)} (${describe(error)}); is JetStream enabled (nats-server -js)?`,
			{ cause: error },
		);
	}
}

async function connectOwned(o: ResolvedNatsKvOptions): Promise<NatsConnection> {
	const { connect } = await importPeer(
		'@nats-io/transport-node',
		() => import('@nats-io/transport-node'),
	);
	try {
		return await connect({
			servers: o.servers,
			timeout: o.timeoutMillis,
			maxReconnectAttempts: -1,
			noAsyncTraces: true,
			name: 'cortex-integrations store',
		});
	} catch (error) {
		const where = o.servers.map(displayServer).join(', ');
		throw new StoreUnavailableError(`cannot connect to NATS at ${where} (${describe(error)})`, {
			cause: error,
		});
	}
}

function followLink(nc: NatsConnection, kv: KV, o: ResolvedNatsKvOptions): KvLink {
	let down: string | undefined;
	let broken: string | undefined;
	let closing: Promise<void> | undefined;
	const waiting = new Set<(error: Error) => void>();
	const drop = (reason: string) => {
		down = reason;
		for (const reject of waiting) reject(new StoreUnavailableError(reason));
		waiting.clear();
	};
	const statuses = followStatus(nc, o, {
		down: drop,
		up: () => {
			down = undefined;
		},
	});
	const check = () => {
		const reason = closing ? 'the store is closed' : (broken ?? down);
		if (reason !== undefined) throw new StoreUnavailableError(reason);
	};
	return {
		kv,
		maxPayloadBytes: () => nc.info?.max_payload,
		check,
		run: (request, what) => guarded(check, waiting, request, what),
		fail(reason) {
			broken ??= reason;
			drop(reason);
		},
		close() {
			closing ??= (async () => {
				drop('the store is closed');
				statuses.stop?.();
				if (!o.connection && !nc.isClosed()) await nc.close().catch(() => {});
			})();
			return closing;
		},
	};
}

/** Calls `down` on a disconnect or close and `up` on a reconnect; `stop()` ends the iteration. */
function followStatus(
	nc: NatsConnection,
	o: ResolvedNatsKvOptions,
	on: { down: (reason: string) => void; up: () => void },
) {
	const statuses = nc.status() as AsyncIterable<Status> & { stop?: () => void };
	void (async () => {
		for await (const status of statuses) {
			if (status.type === 'disconnect') {
				o.log('warn', 'integration store: NATS connection lost; reconnecting', {});
				on.down(`the NATS connection to ${displayServer(status.server)} was lost (reconnecting)`);
			} else if (status.type === 'reconnect') {
				o.log('info', 'integration store: NATS connection restored', {});
				on.up();
			} else if (status.type === 'close') on.down('the NATS connection is closed');
		}
	})().catch(() => {});
	return statuses;
}

function guarded<T>(
	check: () => void,
	waiting: Set<(error: Error) => void>,
	request: () => Promise<T>,
	what: string,
): Promise<T> {
	check();
	return new Promise<T>((resolve, reject) => {
		waiting.add(reject);
		request()
			.then(resolve, (error: unknown) => {
				if (error instanceof IntegrationsError || isRevisionConflict(error)) reject(error);
				else
					reject(
						new StoreUnavailableError(`${what} failed (${describe(error)})`, { cause: error }),
					);
			})
			.finally(() => waiting.delete(reject));
	});
}

/** Imports an optional peer, or throws `MissingPeerError` naming the package to install. */
async function importPeer<T>(name: string, load: () => Promise<T>): Promise<T> {
	try {
		return await load();
	} catch (error) {
		const code = (error as { code?: unknown } | null)?.code;
		if (
			(code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
			String(error).includes(name)
		) {
			throw new MissingPeerError(
				name,
				`createNatsKvIntegrationStore (and --store) needs ${name}, an optional peer dependency: npm i @nats-io/transport-node @nats-io/kv`,
				{ cause: error },
			);
		}
		throw error;
	}
}

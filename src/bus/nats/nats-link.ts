import { connect, type NatsConnection } from '@nats-io/transport-node';
import { errorMessage } from '../../common/index.js';
import type { LogFn } from '../../telemetry/index.js';
import { BusDisconnectedError } from '../bus-errors.js';
import { type ConnectionWatch, watchConnection } from './connection-watch.js';
import type { ResolvedNatsBusOptions } from './nats-bus-options.js';

/** The connection in use and what follows its status. */
export interface LinkState {
	readonly nc: NatsConnection;
	readonly watch: ConnectionWatch;
}

/** The adapter's hold on its connection: the caller's, or one it opens (lazily) and drains. */
export interface NatsLink {
	/** The live connection; an owned one is opened on first use, and again after a failed attempt. */
	get(): Promise<LinkState>;
	/** Stops following the connection; drains it when owned. */
	close(): Promise<void>;
}

export function createNatsLink(resolved: ResolvedNatsBusOptions, log: LogFn): NatsLink {
	const owned = resolved.connection === undefined;
	let state: Promise<LinkState> | undefined;

	function open(): Promise<LinkState> {
		const pending = resolved.connection
			? Promise.resolve(resolved.connection)
			: connect(resolved.connectOptions);
		const opened = pending.then(
			(nc) => ({ nc, watch: watchConnection(nc, log) }),
			(error: unknown) => {
				state = undefined; // the next batch tries again
				log('warn', 'NATS connect failed', { error: errorMessage(error) });
				throw new BusDisconnectedError(`cannot connect to NATS: ${errorMessage(error)}`, {
					cause: error,
				});
			},
		);
		opened.catch(() => {});
		return opened;
	}

	return {
		get() {
			state ??= open();
			return state;
		},
		async close() {
			const current = await state?.catch(() => undefined);
			if (!current) return;
			current.watch.stop();
			if (owned && !current.nc.isClosed()) await current.nc.drain().catch(() => {});
		},
	};
}

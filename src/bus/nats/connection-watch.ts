import type { NatsConnection, Status } from '@nats-io/transport-node';
import type { LogFn } from '../../telemetry/index.js';
import { BusDisconnectedError } from '../bus-errors.js';

/** Follows a connection's status events: logs them and knows whether the connection is up. */
export interface ConnectionWatch {
	/** False between a `disconnect` and the next `reconnect`, and after `close`. */
	readonly connected: boolean;
	/**
	 * Settles as `promise` does, unless the connection drops first: then it rejects at once with
	 * `ERR_BUS_DISCONNECTED` (a core `flush()` that would only time out later fails now).
	 */
	guard<T>(promise: Promise<T>): Promise<T>;
	/** Calls `listener` with `ERR_BUS_DISCONNECTED` on every drop (disconnect or close). */
	onDrop(listener: (error: Error) => void): void;
	/** Stops following (the connection itself is left alone). */
	stop(): void;
}

type LogLine = [
	level: 'error' | 'warn' | 'info' | 'debug',
	msg: string,
	fields: Record<string, unknown>,
];

function describeStatus(status: Status): LogLine {
	switch (status.type) {
		case 'disconnect':
			return ['warn', 'NATS connection lost; reconnecting', { server: status.server }];
		case 'reconnect':
			return ['info', 'NATS connection restored', { server: status.server }];
		case 'error':
			return ['error', 'NATS server error', { error: status.error.message }];
		case 'ldm':
			return ['warn', 'NATS server entering lame duck mode', { server: status.server }];
		case 'slowConsumer':
			return [
				'warn',
				'NATS slow consumer',
				{ subject: status.sub.getSubject(), pending: status.pending },
			];
		case 'staleConnection':
			return ['warn', 'NATS connection stale', {}];
		case 'close':
			return ['info', 'NATS connection closed', {}];
		default:
			return ['debug', `NATS status: ${status.type}`, {}];
	}
}

/** Starts following `nc.status()`. Assumes the connection is up when called. */
export function watchConnection(nc: NatsConnection, log: LogFn): ConnectionWatch {
	return new StatusWatch(nc, log);
}

/** The {@link ConnectionWatch} of {@link watchConnection}: follows the statuses once constructed. */
class StatusWatch implements ConnectionWatch {
	readonly #waiting = new Set<(error: Error) => void>();
	readonly #listeners: Array<(error: Error) => void> = [];
	readonly #statuses: AsyncIterable<Status> & { stop?: () => void };
	#connected: boolean;

	constructor(nc: NatsConnection, log: LogFn) {
		this.#connected = !nc.isClosed();
		this.#statuses = nc.status() as AsyncIterable<Status> & { stop?: () => void };
		void this.#follow(log).catch(() => {});
	}

	get connected(): boolean {
		return this.#connected;
	}

	guard<T>(promise: Promise<T>): Promise<T> {
		return new Promise((resolve, reject) => {
			this.#waiting.add(reject);
			const done = (): void => {
				this.#waiting.delete(reject);
			};
			promise.finally(done).then(resolve, reject);
		});
	}

	onDrop(listener: (error: Error) => void): void {
		this.#listeners.push(listener);
	}

	stop(): void {
		this.#statuses.stop?.();
	}

	async #follow(log: LogFn): Promise<void> {
		for await (const status of this.#statuses) {
			log(...describeStatus(status));
			if (status.type === 'disconnect') this.#dropAll('NATS connection lost before confirmation');
			else if (status.type === 'close') this.#dropAll('NATS connection closed before confirmation');
			else if (status.type === 'reconnect') this.#connected = true;
		}
	}

	#dropAll(message: string): void {
		this.#connected = false;
		const error = new BusDisconnectedError(message);
		for (const reject of this.#waiting) reject(error);
		this.#waiting.clear();
		for (const listener of this.#listeners) listener(error);
	}
}

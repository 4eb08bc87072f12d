import {
	createInbox,
	type Msg,
	type NatsConnection,
	type Subscription,
} from '@nats-io/transport-node';
import { BusTimeoutError } from '../../bus-errors.js';

/** Called once per awaited ack, with the reply, or the error when none came (timeout, drop). */
export type AckSettle<T> = (owner: T, index: number, reply: Msg | Error) => void;

/**
 * One wildcard inbox subscription receiving the replies (PubAcks) of pipelined JetStream
 * publishes: each publish carries its own reply subject `<inbox>.<token>`, so acks are matched
 * without a request object, promise or timer per message. One timer fails expired acks. It is
 * unref'd (it stays armed after the last ack came): while acks are awaited the connection's socket
 * keeps the process alive, and when the connection drops or closes they fail at once (`failAll`).
 */
export interface AckInbox<T> {
	/** Registers an awaited ack of item `index` of `owner`; returns the reply subject to publish with. */
	expect(owner: T, index: number): string;
	/** Forgets an ack that will never come (its publish threw); `settle` is not called. */
	forget(reply: string): void;
	/** Settles every awaited ack with `error` (e.g. the connection dropped). */
	failAll(error: Error): void;
	/** Unsubscribes; awaited acks are failed with `error`. */
	close(error: Error): void;
}

interface Awaited<T> {
	readonly owner: T;
	readonly index: number;
	readonly deadline: number;
}

/** The inbox prefix the connection was opened with (permissions may require one). */
function inboxPrefixOf(nc: NatsConnection): string | undefined {
	return (nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
}

export function openAckInbox<T>(
	nc: NatsConnection,
	ackTimeoutMillis: number,
	settle: AckSettle<T>,
): AckInbox<T> {
	return new WildcardAckInbox(nc, ackTimeoutMillis, settle);
}

/** The {@link AckInbox} of {@link openAckInbox}: subscribes `<prefix>*` when constructed. */
class WildcardAckInbox<T> implements AckInbox<T> {
	readonly #nc: NatsConnection;
	readonly #ackTimeoutMillis: number;
	readonly #settle: AckSettle<T>;
	readonly #prefix: string;
	// Insertion order is deadline order (one timeout for all), so expiry scans from the front.
	readonly #awaited = new Map<string, Awaited<T>>();
	readonly #sub: Subscription;
	#nextToken = 0;
	#timer: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(nc: NatsConnection, ackTimeoutMillis: number, settle: AckSettle<T>) {
		this.#nc = nc;
		this.#ackTimeoutMillis = ackTimeoutMillis;
		this.#settle = settle;
		this.#prefix = `${createInbox(inboxPrefixOf(nc))}.`;
		this.#sub = nc.subscribe(`${this.#prefix}*`, {
			callback: (error, msg) => {
				if (error !== null) return; // the subscription itself failed: acks then expire
				const entry = this.#take(msg.subject.slice(this.#prefix.length));
				if (entry !== undefined) this.#settle(entry.owner, entry.index, msg);
			},
		});
	}

	expect(owner: T, index: number): string {
		const token = (this.#nextToken++).toString(36);
		const deadline = performance.now() + this.#ackTimeoutMillis;
		this.#awaited.set(token, { owner, index, deadline });
		this.#arm();
		return this.#prefix + token;
	}

	forget(reply: string): void {
		this.#awaited.delete(reply.slice(this.#prefix.length));
	}

	failAll(error: Error): void {
		const entries = [...this.#awaited.values()];
		this.#awaited.clear();
		for (const entry of entries) this.#settle(entry.owner, entry.index, error);
	}

	close(error: Error): void {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		if (!this.#nc.isClosed()) this.#sub.unsubscribe();
		this.failAll(error);
	}

	#take(token: string): Awaited<T> | undefined {
		const entry = this.#awaited.get(token);
		if (entry !== undefined) this.#awaited.delete(token);
		return entry;
	}

	readonly #expire = (): void => {
		this.#timer = undefined;
		const now = performance.now();
		for (const [token, entry] of this.#awaited) {
			if (entry.deadline > now) break;
			this.#awaited.delete(token);
			const error = new BusTimeoutError('JetStream ack', this.#ackTimeoutMillis);
			this.#settle(entry.owner, entry.index, error);
		}
		this.#arm();
	};

	#arm(): void {
		if (this.#timer !== undefined || this.#awaited.size === 0) return;
		const first = this.#awaited.values().next().value as Awaited<T>;
		this.#timer = setTimeout(this.#expire, Math.max(0, first.deadline - performance.now()) + 1);
		this.#timer.unref();
	}
}

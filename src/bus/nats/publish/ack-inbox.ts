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
	const prefix = `${createInbox(inboxPrefixOf(nc))}.`;
	// Insertion order is deadline order (one timeout for all), so expiry scans from the front.
	const awaited = new Map<string, Awaited<T>>();
	let nextToken = 0;
	let timer: NodeJS.Timeout | undefined;

	const take = (token: string): Awaited<T> | undefined => {
		const entry = awaited.get(token);
		if (entry !== undefined) awaited.delete(token);
		return entry;
	};
	const sub: Subscription = nc.subscribe(`${prefix}*`, {
		callback: (error, msg) => {
			if (error !== null) return; // the subscription itself failed: acks then expire
			const entry = take(msg.subject.slice(prefix.length));
			if (entry !== undefined) settle(entry.owner, entry.index, msg);
		},
	});

	function expire(): void {
		timer = undefined;
		const now = performance.now();
		for (const [token, entry] of awaited) {
			if (entry.deadline > now) break;
			awaited.delete(token);
			settle(entry.owner, entry.index, new BusTimeoutError('JetStream ack', ackTimeoutMillis));
		}
		arm();
	}
	function arm(): void {
		if (timer !== undefined || awaited.size === 0) return;
		const first = awaited.values().next().value as Awaited<T>;
		timer = setTimeout(expire, Math.max(0, first.deadline - performance.now()) + 1);
		timer.unref();
	}
	function failAll(error: Error): void {
		const entries = [...awaited.values()];
		awaited.clear();
		for (const entry of entries) settle(entry.owner, entry.index, error);
	}

	return {
		expect(owner, index) {
			const token = (nextToken++).toString(36);
			awaited.set(token, { owner, index, deadline: performance.now() + ackTimeoutMillis });
			arm();
			return prefix + token;
		},
		forget(reply) {
			awaited.delete(reply.slice(prefix.length));
		},
		failAll,
		close(error) {
			if (timer !== undefined) clearTimeout(timer);
			timer = undefined;
			if (!nc.isClosed()) sub.unsubscribe();
			failAll(error);
		},
	};
}

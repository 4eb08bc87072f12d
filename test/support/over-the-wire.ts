import { type MsgHdrs, MsgHdrsImpl } from '@nats-io/transport-node';
import type { NatsMessageLike, NatsOutgoingMessage } from '../../src/bus/nats/index.js';

/** What a subscriber receives for an outgoing message: headers parsed back from their wire bytes. */
export function overTheWire(message: NatsOutgoingMessage): NatsMessageLike {
	return {
		subject: message.subject,
		data: Uint8Array.from(message.payload),
		headers: MsgHdrsImpl.decode((message.headers as MsgHdrsImpl).encode()),
	};
}

/** A received message built by hand (for malformed input). */
export function rawMessage(
	subject: string,
	body: string | object,
	headers?: Record<string, string>,
): NatsMessageLike {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	let hdrs: MsgHdrs | undefined;
	if (headers)
		hdrs = MsgHdrsImpl.fromRecord(
			Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
		);
	return { subject, data: new TextEncoder().encode(text), headers: hdrs };
}

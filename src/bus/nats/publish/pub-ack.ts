import type { Msg } from '@nats-io/transport-node';
import { BusPublishError } from '../../bus-errors.js';

/** The error part of a JetStream API response (`{ code, err_code, description }`). */
export interface JetStreamApiErrorBody {
	readonly code: number;
	readonly err_code?: number;
	readonly description?: string;
}

/** The server's refusal of one JetStream publish, kept as the `cause` of its `ERR_BUS_PUBLISH`. */
export class JetStreamRefusal extends Error {
	/** The JetStream error code (`err_code`, e.g. 10060 for a wrong expected stream). */
	readonly errCode: number | undefined;
	/** The status code of the response (e.g. 400, 503). */
	readonly status: number;

	constructor(body: JetStreamApiErrorBody) {
		super(body.description ?? `JetStream error ${body.code}`);
		this.name = 'JetStreamRefusal';
		this.errCode = body.err_code;
		this.status = body.code;
	}
}

const decoder = new TextDecoder();

function refused(body: JetStreamApiErrorBody): BusPublishError {
	const cause = new JetStreamRefusal(body);
	return new BusPublishError(`JetStream refused the message: ${cause.message}`, { cause });
}

/**
 * Reads the reply to one JetStream publish: `undefined` for a PubAck (`{ stream, seq }`, also
 * when `duplicate: true`: the message is stored already), else the `ERR_BUS_PUBLISH` to report.
 * A `503` status without a body means no stream captures the subject ("no responders").
 */
export function readPubAck(msg: Msg, subject: string): BusPublishError | undefined {
	if (msg.data.length === 0) {
		const code = msg.headers?.code ?? 0;
		if (code === 503) return refused({ code, description: `no stream captures "${subject}"` });
		return refused({ code, description: `empty reply (status ${code})` });
	}
	let reply: { stream?: unknown; error?: JetStreamApiErrorBody };
	try {
		reply = JSON.parse(decoder.decode(msg.data));
	} catch {
		return refused({ code: 0, description: 'the ack is not JSON' });
	}
	if (reply.error) return refused(reply.error);
	if (typeof reply.stream !== 'string' || reply.stream === '') {
		return refused({ code: 0, description: 'invalid ack (no stream)' });
	}
	return undefined;
}

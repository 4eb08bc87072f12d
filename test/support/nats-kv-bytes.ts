import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

// The raw bytes NATS holds for a KV bucket (every message of its stream, and the server's files on
// disk), for the tests that look for secrets in them.

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

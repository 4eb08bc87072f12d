import type { BodyBuffers } from './body-buffers.js';
import type { PendingEvent } from './pending-event.js';
import type { ValidationRequest } from './validation-protocol.js';

const encoder = new TextEncoder();
const NO_BYTES = new ArrayBuffer(0);

/** A packed worker call; `shared` (if any) goes back to its pool once the worker has answered. */
export interface EncodedRequest {
	readonly request: ValidationRequest;
	readonly transferList: ArrayBuffer[];
	readonly shared: SharedArrayBuffer | undefined;
}

/**
 * Packs events for one worker call: the raw bodies are copied once, back to back, into a reusable
 * shared buffer that the worker reads in place (a caller's buffer is never detached, and the
 * originals survive a worker crash); the small index arrays are transferred. Nothing is cloned but
 * the object items.
 */
export function encodeValidationRequest(
	events: readonly PendingEvent[],
	buffers: BodyBuffers,
): EncodedRequest {
	let capacity = 0;
	for (const event of events) {
		if (!event.raw) continue;
		const body = event.input as Uint8Array | string;
		capacity += typeof body === 'string' ? body.length * 3 : body.byteLength;
	}
	const shared = capacity > 0 ? buffers.acquire(capacity) : undefined;
	const bytes = new Uint8Array(shared ?? NO_BYTES);
	const topics = new Uint8Array(events.length);
	const ends = new Int32Array(events.length);
	const objects: unknown[] = [];
	let offset = 0;
	for (let i = 0; i < events.length; i++) {
		const event = events[i] as PendingEvent;
		topics[i] = event.topicIndex;
		if (!event.raw) {
			ends[i] = -1;
			objects.push(event.input);
			continue;
		}
		offset = writeBody(event.input as Uint8Array | string, bytes, offset);
		ends[i] = offset;
	}
	const request = { topics, ends, bytes: shared ?? NO_BYTES, objects };
	return { request, transferList: [topics.buffer, ends.buffer], shared };
}

function writeBody(body: Uint8Array | string, bytes: Uint8Array, offset: number): number {
	if (typeof body === 'string')
		return offset + encoder.encodeInto(body, bytes.subarray(offset)).written;
	bytes.set(body, offset);
	return offset + body.byteLength;
}

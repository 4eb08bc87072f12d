import type { PendingEvent } from '../../pending-event.js';
import { type BodyArena, CapturedBody, type Slab } from '../../queue/index.js';
import { ITEM_KEEPS_TEXT, type ValidationRequest } from '../../validation-protocol.js';

/** A packed worker call; `owned` holds the string bodies encoded for it, released once it is answered. */
export interface EncodedRequest {
	readonly request: ValidationRequest;
	readonly owned: readonly CapturedBody[];
}

/**
 * Packs raw-body events for one worker call. A byte body already sits in a shared slab (copied
 * there by `emitRaw`): the request only says where. A string body is encoded into the arena now
 * (its one copy) and marked {@link ITEM_KEEPS_TEXT}. The request is cloned, never transferred, so
 * a worker that crashes leaves it whole for the next attempt.
 */
export function encodeValidationRequest(
	events: readonly PendingEvent[],
	bodies: BodyArena,
): EncodedRequest {
	const count = events.length;
	const items = new Uint8Array(count);
	const spans = new Int32Array(3 * count);
	const slabs: Slab[] = [];
	const owned: CapturedBody[] = [];
	for (let i = 0; i < count; i++) {
		const event = events[i] as PendingEvent;
		let body = event.input;
		items[i] = event.topicIndex;
		if (!(body instanceof CapturedBody)) {
			body = bodies.captureText(body as string);
			owned.push(body as CapturedBody);
			items[i] = event.topicIndex | ITEM_KEEPS_TEXT;
		}
		const { slab, start, end } = body as CapturedBody;
		spans[3 * i] = slabIndex(slabs, slab);
		spans[3 * i + 1] = start;
		spans[3 * i + 2] = end;
	}
	const request = { items, spans, slabs: slabs.map((slab) => slab.buffer) };
	return { request, owned };
}

/** The index of `slab` in `slabs`, added if new (a batch spans a few slabs: a short scan). */
function slabIndex(slabs: Slab[], slab: Slab): number {
	for (let i = slabs.length - 1; i >= 0; i--) if (slabs[i] === slab) return i;
	return slabs.push(slab) - 1;
}

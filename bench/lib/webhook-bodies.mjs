// Raw webhook bodies for the raw-body questions: valid `integrations.webhook.received` events plus a
// `payload` of line items up to the size (stripped by the schema, so validation costs the same at
// every size; parsing grows with it), as UTF-8 bytes, the way a request body arrives.

const encoder = new TextEncoder();

/** `count` distinct bodies of about `size` bytes each (at least `size`). */
export function webhookBodies(size, count) {
	return Array.from({ length: count }, (_, i) => encoder.encode(webhookJson(size, i)));
}

function webhookJson(size, i) {
	const event = {
		integrationId: `int-${i}`,
		webhookId: `wh-${i}-${1_760_000_000 + i}`,
		source: 'stripe',
		event: 'charge.succeeded',
		payloadSize: size,
		processed: false,
		receivedAt: new Date(1_760_000_000_000 + i * 1000).toISOString(),
	};
	const line = (k) => ({
		id: `item-${k}`,
		name: `Line ${i}`,
		amount: k * 7,
		paid: true,
		tags: ['x'],
	});
	const items = [];
	let text = JSON.stringify(event);
	// One stringify per step, sized from the bytes still missing (not one per item: 64 KB bodies
	// would take seconds to build).
	while (text.length < size) {
		const perItem = JSON.stringify(line(items.length)).length + 1;
		const missing = Math.max(1, Math.ceil((size - text.length) / perItem));
		for (let k = 0; k < missing; k++) items.push(line(items.length));
		text = JSON.stringify({ ...event, payload: { items } });
	}
	return text;
}

/** `1 KB`, `256 B`. */
export const sizeLabel = (bytes) => (bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} B`);

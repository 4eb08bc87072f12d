// Envelope ids: RFC 4122 version 4 UUIDs from the same CSPRNG as `crypto.randomUUID()`, drawn in
// bulk: one `randomFillSync` (whose fixed cost dominates randomUUID's ~130-200 ns) per 4096 ids,
// formatted as text up front (two hex digits per 16-bit store, ~10 ns an id), so that each id is
// one flat 36-byte string slice. Nothing is set up at import: `node:crypto` (~2.5 ms to load) and
// the buffers come with the first id.

const IDS_PER_FILL = 4096;
const ID_LENGTH = 36;
const HEX = '0123456789abcdef';

type Latin1Buffer = Buffer & { latin1Slice?: (start: number, end: number) => string };

let randomFill: ((buffer: Uint8Array) => unknown) | undefined;
let random: Buffer;
let view: DataView;
/** Byte b → its two lowercase hex digits as one little-endian 16-bit value (first digit low). */
let hexPairs: Uint16Array;
let sliceText: (start: number, end: number) => string;
let next = IDS_PER_FILL;

function setUp(): void {
	randomFill = process.getBuiltinModule('node:crypto').randomFillSync;
	random = Buffer.allocUnsafe(16 * IDS_PER_FILL);
	const text = Buffer.alloc(ID_LENGTH * IDS_PER_FILL);
	for (let id = 0; id < IDS_PER_FILL; id++) {
		for (const dash of [8, 13, 18, 23]) text[id * ID_LENGTH + dash] = 0x2d;
	}
	view = new DataView(text.buffer, text.byteOffset, text.byteLength);
	hexPairs = Uint16Array.from(
		{ length: 256 },
		(_, b) => HEX.charCodeAt(b >> 4) | (HEX.charCodeAt(b & 15) << 8),
	);
	// `latin1Slice` is what `toString('latin1', start, end)` calls, minus its argument handling.
	const latin1Slice = (text as Latin1Buffer).latin1Slice;
	sliceText =
		typeof latin1Slice === 'function'
			? latin1Slice.bind(text)
			: (start, end) => text.toString('latin1', start, end);
}

/** Writes the hex digits of random byte `r` at text offset `at`. */
const pair = (at: number, r: number): void =>
	view.setUint16(at, hexPairs[random[r] as number] as number, true);

function refill(): void {
	if (randomFill === undefined) setUp();
	(randomFill as (buffer: Uint8Array) => unknown)(random);
	for (let id = 0; id < IDS_PER_FILL; id++) {
		const r = id * 16;
		random[r + 6] = ((random[r + 6] as number) & 0x0f) | 0x40; // version 4
		random[r + 8] = ((random[r + 8] as number) & 0x3f) | 0x80; // variant 10
		// xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: straight-line stores (a loop over an offset table
		// costs ~5x more).
		const o = id * ID_LENGTH;
		pair(o, r);
		pair(o + 2, r + 1);
		pair(o + 4, r + 2);
		pair(o + 6, r + 3);
		pair(o + 9, r + 4);
		pair(o + 11, r + 5);
		pair(o + 14, r + 6);
		pair(o + 16, r + 7);
		pair(o + 19, r + 8);
		pair(o + 21, r + 9);
		pair(o + 24, r + 10);
		pair(o + 26, r + 11);
		pair(o + 28, r + 12);
		pair(o + 30, r + 13);
		pair(o + 32, r + 14);
		pair(o + 34, r + 15);
	}
	next = 0;
}

/** A new random (version 4) UUID, lowercase, as `crypto.randomUUID()` returns. */
export function nextEventId(): string {
	if (next === IDS_PER_FILL) refill();
	const start = next++ * ID_LENGTH;
	return sliceText(start, start + ID_LENGTH);
}

/** Bytes per slab: captured bodies are copied back to back into slabs of this size. */
const SLAB_BYTES = 1 << 20;
/** A body larger than this gets a slab of its own, dropped (never reused) once released. */
const MAX_PACKED_BODY_BYTES = SLAB_BYTES >> 2;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A `SharedArrayBuffer` that bodies are copied into, and the count of bodies it still holds. */
class Slab {
	readonly buffer: SharedArrayBuffer;
	/** A `Buffer` over the whole slab. */
	readonly bytes: Buffer;
	readonly arena: BodyArena;
	/** Bodies captured in it and not released yet. */
	live = 0;
	/** The next free byte. */
	used = 0;

	constructor(arena: BodyArena, size: number) {
		this.arena = arena;
		this.buffer = new SharedArrayBuffer(size);
		this.bytes = Buffer.from(this.buffer);
	}
}

export type { Slab };

/**
 * A raw body copied into a {@link BodyArena} during `emitRaw`: bytes `[start, end)` of a shared
 * slab, which a worker reads in place. Released exactly once, when its event settles.
 */
export class CapturedBody {
	readonly slab: Slab;
	readonly start: number;
	readonly end: number;
	#released = false;

	constructor(slab: Slab, start: number, end: number) {
		this.slab = slab;
		this.start = start;
		this.end = end;
	}

	get byteLength(): number {
		return this.end - this.start;
	}

	/** A view of the bytes (valid until the body is released). */
	bytes(): Uint8Array {
		return this.slab.bytes.subarray(this.start, this.end);
	}

	/** The body's text (UTF-8 was checked at capture). */
	text(): string {
		return decoder.decode(this.bytes());
	}

	/** Hands its bytes back to the arena; later calls do nothing. */
	release(): void {
		if (this.#released) return;
		this.#released = true;
		this.slab.arena.settle(this.slab);
	}
}

/** How often idle slabs that were not needed since the last look are given back. */
const TRIM_EVERY_MILLIS = 1_000;

/**
 * Where batching keeps raw bodies between `emitRaw` and their settling: each body is copied once
 * into a shared 1 MiB slab, which a validation worker reads in place (nothing is copied, cloned
 * or transferred per body, and the bytes survive a worker crash). A slab whose bodies were all
 * released is kept for reuse, not freed: writing to fresh memory costs several times a copy into
 * memory already in use (page faults), and reused slabs give the garbage collector nothing to do.
 * Idle slabs that went unused for a whole second are given back (an unref'd timer), down to
 * `minFreeSlabs`: a queue that keeps filling and draining reuses its slabs, one that has drained
 * returns them.
 */
export class BodyArena {
	/** Idle slabs, the most recently used last (taken first: still in the CPU caches). */
	readonly #free: Slab[] = [];
	readonly #minFree: number;
	#current: Slab | undefined;
	/** The fewest idle slabs since the last trim: that many were not needed. */
	#unneeded = 0;
	#trimTimer: NodeJS.Timeout | undefined;

	/** Keeps at least `minFreeSlabs` idle slabs. */
	constructor(minFreeSlabs = 4) {
		this.#minFree = minFreeSlabs;
	}

	/** Copies `bytes` into the arena. */
	capture(bytes: Uint8Array): CapturedBody {
		const slab = this.#slabFor(bytes.byteLength);
		const start = slab.used;
		const end = start + bytes.byteLength;
		// `fill` with exactly one length of `bytes` is one plain memcpy; `set` on shared memory
		// copies word by word (V8's relaxed atomic copy), measured 20–30 % slower per body.
		if (end > start) slab.bytes.fill(bytes, start, end);
		slab.used = end;
		slab.live++;
		return new CapturedBody(slab, start, slab.used);
	}

	/** Encodes `text` (UTF-8) into the arena. */
	captureText(text: string): CapturedBody {
		const most = text.length * 3;
		const slab = this.#slabFor(most > MAX_PACKED_BODY_BYTES ? Buffer.byteLength(text) : most);
		const start = slab.used;
		slab.used = start + encoder.encodeInto(text, slab.bytes.subarray(start)).written;
		slab.live++;
		return new CapturedBody(slab, start, slab.used);
	}

	/** A body of `slab` was released: the slab is rewound, or kept idle, once it holds none. */
	settle(slab: Slab): void {
		if (--slab.live > 0) return;
		slab.used = 0;
		if (slab === this.#current || slab.bytes.byteLength !== SLAB_BYTES) return;
		this.#free.push(slab);
		if (this.#free.length > this.#minFree) this.#armTrim();
	}

	/** Drops the idle slabs (the publisher closed). */
	clear(): void {
		clearTimeout(this.#trimTimer);
		this.#trimTimer = undefined;
		this.#free.length = 0;
		if (this.#current?.live === 0) this.#current = undefined;
	}

	#slabFor(size: number): Slab {
		if (size > MAX_PACKED_BODY_BYTES) return new Slab(this, size);
		const current = this.#current;
		if (current !== undefined && current.used + size <= SLAB_BYTES) return current;
		// The slab left behind goes idle when its last body is released (a slab whose bodies were
		// all released is rewound, so it always has room for a packed body).
		const next = this.#free.pop() ?? new Slab(this, SLAB_BYTES);
		if (this.#free.length < this.#unneeded) this.#unneeded = this.#free.length;
		this.#current = next;
		return next;
	}

	#armTrim(): void {
		if (this.#trimTimer !== undefined) return;
		this.#unneeded = this.#free.length;
		this.#trimTimer = setTimeout(this.#trim, TRIM_EVERY_MILLIS);
		this.#trimTimer.unref();
	}

	/** Gives back the idle slabs no capture needed since the last look (the coldest ones). */
	readonly #trim = (): void => {
		this.#trimTimer = undefined;
		const surplus = Math.min(this.#unneeded, this.#free.length - this.#minFree);
		if (surplus > 0) this.#free.splice(0, surplus);
		if (this.#free.length > this.#minFree) this.#armTrim();
	};
}

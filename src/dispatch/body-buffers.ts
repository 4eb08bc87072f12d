/**
 * Reusable shared buffers for the raw bodies of worker batches. A fresh multi-megabyte buffer per
 * batch is external memory that drives the main thread into frequent full GCs; a shared buffer is
 * seen by the worker without a copy or a transfer, survives a worker crash, and is reused once the
 * worker has answered.
 */
export class BodyBuffers {
	readonly #free: SharedArrayBuffer[] = [];
	readonly #maxFree: number;

	/** Keeps at most `maxFree` idle buffers. */
	constructor(maxFree = 8) {
		this.#maxFree = maxFree;
	}

	/** A buffer of at least `bytes` bytes (power-of-two sizes, 64 KiB or more). */
	acquire(bytes: number): SharedArrayBuffer {
		const index = this.#free.findIndex(
			(buffer) => buffer.byteLength >= bytes && buffer.byteLength <= bytes * 4 + 65_536,
		);
		if (index >= 0) return this.#free.splice(index, 1)[0] as SharedArrayBuffer;
		let size = 65_536;
		while (size < bytes) size *= 2;
		return new SharedArrayBuffer(size);
	}

	/** Hands a buffer back once the worker is done with it. */
	release(buffer: SharedArrayBuffer): void {
		if (this.#free.length < this.#maxFree) this.#free.push(buffer);
	}
}

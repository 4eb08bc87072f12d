// The closed message protocol between the publisher and `validation-worker.js`. Only data crosses
// the thread boundary: raw bodies in one shared buffer, parsed objects by structured clone; back
// comes only what the main thread needs.

/** One validation problem of an event (a zod issue, or `invalid_json` / `invalid_utf8` / `unknown_topic`). */
export interface ValidationIssue {
	readonly code: string;
	readonly message: string;
	readonly path: readonly PropertyKey[];
}

/** One worker call: a slice of a batch, in batch order. */
export interface ValidationRequest {
	/** Topic slot of each item (see `TOPIC_SLOT_NAMES`). */
	readonly topics: Uint8Array;
	/** Per item: the end offset of its body in `bytes`, or -1 for an object item. */
	readonly ends: Int32Array;
	/** The raw bodies, UTF-8, back to back; shared with the worker, never cloned. */
	readonly bytes: ArrayBuffer | SharedArrayBuffer;
	/** The object items, in order. */
	readonly objects: readonly unknown[];
}

/**
 * Per item: `true` when it is valid and validation removed or changed nothing (the main thread
 * keeps the body or object it already has); the JSON of the validated payload when validation
 * stripped something; or its issues when it is invalid.
 */
export type ValidationResult = true | string | readonly ValidationIssue[];

/** The reply to a {@link ValidationRequest}: one result per item, same order. */
export interface ValidationResponse {
	readonly results: readonly ValidationResult[];
}

/** A worker pool running `validation-worker.js` (a tinypool or piscina instance fits). */
export interface ValidationPool {
	run(task: ValidationRequest, options?: { transferList?: ArrayBuffer[] }): Promise<unknown>;
	destroy?(): Promise<void>;
}

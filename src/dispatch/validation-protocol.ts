// The closed message protocol between the publisher and `validation-worker.js`: one message per
// worker batch each way, nothing cloned per body. In: the bodies' places in shared slabs the worker
// reads in place. Out: one shared buffer holding a verdict per body and the JSON the main thread
// keeps, plus the issues of the invalid bodies only.

/** One validation problem of an event (a zod issue, or `invalid_json` / `invalid_utf8` / `unknown_topic`). */
export interface ValidationIssue {
	readonly code: string;
	readonly message: string;
	readonly path: readonly PropertyKey[];
}

/** `ValidationRequest.items`: the topic slot (see `TOPIC_SLOT_NAMES`) in the low bits. */
export const ITEM_TOPIC_MASK = 0b0111_1111;
/**
 * `ValidationRequest.items`: the main thread keeps the body's text itself (it was a string) when
 * validation changes nothing, so no bytes need to come back for it.
 */
export const ITEM_KEEPS_TEXT = 0b1000_0000;

/** One worker call: raw JSON bodies, in batch order. */
export interface ValidationRequest {
	/** Per body: its topic slot, and {@link ITEM_KEEPS_TEXT}. */
	readonly items: Uint8Array;
	/** Per body, three numbers: the index of its slab in `slabs`, its start and its end. */
	readonly spans: Int32Array;
	/** The slabs the bodies were copied into (UTF-8); shared, read in place, never cloned. */
	readonly slabs: readonly SharedArrayBuffer[];
}

/** `ValidationResponse.verdicts`: valid, nothing changed; the main thread keeps its text. */
export const VERDICT_KEEP = 0;
/** `ValidationResponse.verdicts`: valid; its JSON (the body, or the stripped payload) is in `json`. */
export const VERDICT_JSON = 1;
/** `ValidationResponse.verdicts`: invalid; its issues are in `invalid`. */
export const VERDICT_INVALID = 2;

/** An invalid body: its index in the request and its issues. */
export type InvalidItem = readonly [index: number, issues: readonly ValidationIssue[]];

/**
 * The reply to a {@link ValidationRequest}. `verdicts`, `ends` and `json` are views of one
 * `SharedArrayBuffer` the worker allocated: handing it over copies nothing, and the envelopes keep
 * it alive for as long as they need their JSON.
 */
export interface ValidationResponse {
	/** Per body: {@link VERDICT_KEEP}, {@link VERDICT_JSON} or {@link VERDICT_INVALID}. */
	readonly verdicts: Uint8Array;
	/** Per body: where its JSON ends in `json` (it starts where the previous body's ends). */
	readonly ends: Int32Array;
	/** UTF-8 JSON of the {@link VERDICT_JSON} bodies, back to back. */
	readonly json: Uint8Array;
	/** The invalid bodies only. */
	readonly invalid: readonly InvalidItem[];
}

/** A worker pool running `validation-worker.js` (a tinypool or piscina instance fits). */
export interface ValidationPool {
	run(task: ValidationRequest, options?: { transferList?: ArrayBuffer[] }): Promise<unknown>;
	destroy?(): Promise<void>;
}

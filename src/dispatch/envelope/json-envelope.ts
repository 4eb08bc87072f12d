import {
	ENVELOPE_DATA_BYTES,
	ENVELOPE_DATA_JSON,
	type IntegrationsEnvelope,
} from '../../events/index.js';

const decoder = new TextDecoder();

/**
 * The envelope of a raw body a worker validated: `data` is parsed from its JSON on first read
 * (a string body's own text, or UTF-8 bytes: a view of the worker's reply), never before. Own,
 * enumerable properties as a plain envelope has them (`data` an accessor, so `JSON.stringify`,
 * spreading and `structuredClone` see the payload); the JSON itself stays available under
 * {@link ENVELOPE_DATA_JSON} (text, decoded on first read) and, for bytes, under
 * {@link ENVELOPE_DATA_BYTES}, for buses that send text or bytes. A class rather than accessors
 * defined per object: one `defineProperty` with a shared accessor pair keeps every envelope on one
 * hidden class (about 0.1 µs), where per-object closures cost about 1 µs and a dictionary-mode
 * object.
 */
export class JsonEnvelope {
	declare id: IntegrationsEnvelope['id'];
	declare type: IntegrationsEnvelope['type'];
	declare source: IntegrationsEnvelope['source'];
	declare specversion: IntegrationsEnvelope['specversion'];
	declare time: IntegrationsEnvelope['time'];
	declare datacontenttype: IntegrationsEnvelope['datacontenttype'];
	declare dataschema: IntegrationsEnvelope['dataschema'];
	declare ttlMs: IntegrationsEnvelope['ttlMs'];
	declare headers: IntegrationsEnvelope['headers'];
	declare data: IntegrationsEnvelope['data'];
	declare traceparent?: string;
	declare tracestate?: string;
	readonly #json: string | Uint8Array;
	#text: string | undefined;
	#data: unknown;
	#parsed = false;

	/** `fields`: the envelope's attributes (its `data` is ignored). */
	constructor(fields: IntegrationsEnvelope, json: string | Uint8Array) {
		this.id = fields.id;
		this.type = fields.type;
		this.source = fields.source;
		this.specversion = fields.specversion;
		this.time = fields.time;
		this.datacontenttype = fields.datacontenttype;
		this.dataschema = fields.dataschema;
		this.ttlMs = fields.ttlMs;
		this.headers = fields.headers;
		this.#json = json;
		if (typeof json === 'string') this.#text = json;
		Object.defineProperty(this, 'data', DATA);
	}

	get [ENVELOPE_DATA_JSON](): string {
		this.#text ??= decoder.decode(this.#json as Uint8Array);
		return this.#text;
	}

	get [ENVELOPE_DATA_BYTES](): Uint8Array | undefined {
		const json = this.#json;
		return typeof json === 'string' ? undefined : json;
	}

	static readData(envelope: JsonEnvelope): unknown {
		if (!envelope.#parsed) {
			envelope.#data = JSON.parse(envelope[ENVELOPE_DATA_JSON]);
			envelope.#parsed = true;
		}
		return envelope.#data;
	}

	static writeData(envelope: JsonEnvelope, value: unknown): void {
		envelope.#data = value;
		envelope.#parsed = true;
	}
}

/** The `data` accessor every {@link JsonEnvelope} shares (one accessor pair: one hidden class). */
const DATA: PropertyDescriptor = {
	enumerable: true,
	configurable: true,
	get(this: JsonEnvelope) {
		return JsonEnvelope.readData(this);
	},
	set(this: JsonEnvelope, value: unknown) {
		JsonEnvelope.writeData(this, value);
	},
};

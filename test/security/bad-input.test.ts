import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod/v4';
import { createA2ABusAdapter } from '../../src/bus/a2a/index.js';
import {
	createNatsBusAdapter,
	decodeNatsMessage,
	subscribeNats,
} from '../../src/bus/nats/index.js';
import {
	createInProcessBus,
	createIntegrationsEvent,
	createIntegrationsPublisher,
	type IntegrationsEnvelope,
	IntegrationsError,
	type InvalidEventReport,
	loadPublisherConfig,
	type PublisherOptions,
} from '../../src/index.js';
import { createIntegrationsMcpServer, createIntegrationsRuntime } from '../../src/mcp/index.js';
import { guardProcess } from '../support/guard-process.js';
import {
	hostileValidPayload,
	pollutingRawBody,
	TOPIC_KEYS,
	topicOf,
	validPayload,
} from '../support/seq-events.js';

// Hostile input through every public entry: the answer is a typed error (IntegrationsError with a
// stable code, InvalidOptionError naming the option, ZodError from the compat API) or a structured
// rejection (onInvalid, an isError tool result, a DecodeResult) — never an uncaught exception, an
// unhandled rejection (guardProcess fails the file), prototype pollution, or harm to the other
// events of the batch.

guardProcess();

const MB = 1024 * 1024;
const cyclic = (): Record<string, unknown> => {
	const value: Record<string, unknown> = { a: 1 };
	value.self = value;
	return value;
};

/** Values that are wrong for every field of every schema. */
const HOSTILE_VALUES: readonly [string, () => unknown][] = [
	['a cycle', cyclic],
	['a BigInt', () => 2n ** 64n],
	['a function', () => () => 'x'],
	['a symbol', () => Symbol('s')],
	['NaN', () => Number.NaN],
	['Infinity', () => Number.POSITIVE_INFINITY],
	['-Infinity', () => Number.NEGATIVE_INFINITY],
	['null', () => null],
	['an array', () => [1, 2, 3]],
	['a Date', () => new Date(0)],
	['a Map', () => new Map([['k', 'v']])],
	['an object with __proto__', () => JSON.parse('{"__proto__":{"polluted":true}}')],
];

/** Top-level inputs that are not payload objects at all. */
const NOT_PAYLOADS: readonly [string, unknown][] = [
	['undefined', undefined],
	['null', null],
	['a number', 42],
	['a string', 'payload'],
	['an array', []],
	['a BigInt', 1n],
	['a symbol', Symbol('payload')],
	['a function', () => ({})],
	['a cycle', cyclic()],
];

const notPolluted = () => {
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(Object.prototype).not.toHaveProperty('polluted');
};

/** Runs `fn` and returns what it threw (or `undefined`). */
function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (error) {
		return error;
	}
	return undefined;
}

/** Awaits `promise` and returns its rejection (or `undefined`). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	return undefined;
}

function expectCode(error: unknown, code: string) {
	expect(error).toBeInstanceOf(IntegrationsError);
	expect((error as IntegrationsError).code).toBe(code);
}

/** `{ ...payload, [every field]: value }`, one field at a time. */
function corruptEachField(topic: (typeof TOPIC_KEYS)[number], value: () => unknown) {
	return Object.keys(validPayload(topic, 1)).map((field) => ({
		field,
		payload: { ...validPayload(topic, 1), [field]: value() },
	}));
}

describe('compat helpers (createIntegrationsEvent)', () => {
	it('throws a ZodError for a hostile value in any field, and for inputs that are not objects', () => {
		for (const topic of TOPIC_KEYS) {
			const helper = createIntegrationsEvent[topic] as (data: unknown) => unknown;
			for (const [label, value] of HOSTILE_VALUES) {
				for (const { field, payload } of corruptEachField(topic, value)) {
					expect(
						thrown(() => helper(payload)),
						`${topic}.${field} = ${label}`,
					).toBeInstanceOf(ZodError);
				}
			}
			for (const [label, input] of NOT_PAYLOADS) {
				expect(
					thrown(() => helper(input)),
					`${topic}(${label})`,
				).toBeInstanceOf(ZodError);
			}
		}
		notPolluted();
	});

	it('strips hostile extras (cycle, function, BigInt, symbol, NaN, __proto__) from a valid payload', () => {
		for (const topic of TOPIC_KEYS) {
			const helper = createIntegrationsEvent[topic] as (data: unknown) => { data: object };
			const { data } = helper(hostileValidPayload(topic, 7));
			expect(data).toEqual(validPayload(topic, 7));
			expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
			expect(Object.hasOwn(data, '__proto__')).toBe(false);
			const parsed = helper(JSON.parse(pollutingRawBody(topic, 8)));
			expect(parsed.data).toEqual(validPayload(topic, 8));
		}
		notPolluted();
	});

	it('accepts a 10 MB string field as upstream does, without copying it into an error', () => {
		const huge = 'x'.repeat(10 * MB);
		const { data } = createIntegrationsEvent.connected({
			...validPayload('connected', 1),
			name: huge,
		} as never);
		expect(data.name).toHaveLength(10 * MB);
		const error = thrown(() =>
			createIntegrationsEvent.connected({ ...validPayload('connected', 1), type: huge } as never),
		) as ZodError;
		expect(error).toBeInstanceOf(ZodError);
		expect(error.message.length).toBeLessThan(10_000);
	});
});

describe('publisher, sync mode (compat)', () => {
	it('throws a ZodError for hostile payloads, counts each as invalid and sends nothing', () => {
		const sent: IntegrationsEnvelope[] = [];
		const publisher = createIntegrationsPublisher({
			bus: { publishBatch: async (batch) => void sent.push(...batch) },
		});
		let offered = 0;
		for (const topic of TOPIC_KEYS) {
			for (const [label, value] of HOSTILE_VALUES) {
				const { payload } = corruptEachField(topic, value)[0]!;
				offered++;
				expect(
					thrown(() => publisher.emit(topicOf(topic), payload as never)),
					`${topic} ${label}`,
				).toBeInstanceOf(ZodError);
			}
			for (const [label, input] of NOT_PAYLOADS) {
				offered++;
				expect(
					thrown(() => publisher.emit(topicOf(topic), input as never)),
					`${topic}(${label})`,
				).toBeInstanceOf(ZodError);
			}
		}
		expect(sent).toEqual([]);
		expect(publisher.stats()).toMatchObject({ offered, invalid: offered, delivered: 0 });
		notPolluted();
	});

	it('rejects unknown topics and priorities of any type with typed errors, counting nothing', () => {
		const publisher = createIntegrationsPublisher({ bus: createInProcessBus() });
		for (const topic of [
			'integrations.bogus',
			'',
			'__proto__',
			'constructor',
			1n,
			Symbol('t'),
			{},
			null,
		]) {
			expectCode(
				thrown(() => publisher.emit(topic as never, validPayload('dataSynced', 1) as never)),
				'ERR_UNKNOWN_TOPIC',
			);
		}
		for (const priority of ['urgent', '__proto__', 1, 1n, Symbol('p'), {}, null]) {
			const error = thrown(() =>
				publisher.dataSynced(validPayload('dataSynced', 1) as never, { priority } as never),
			);
			expectCode(error, 'ERR_INVALID_OPTION');
			expect(error).toMatchObject({ option: 'priority' });
		}
		expect(publisher.stats().offered).toBe(0);
	});

	it('rejects raw bodies that are not UTF-8 JSON with ERR_INVALID_BODY, and bodies of the wrong type with ERR_INVALID_OPTION', () => {
		const publisher = createIntegrationsPublisher({ bus: createInProcessBus() });
		const bad = [
			'{',
			'',
			'\uFEFF{}',
			'NaN',
			Uint8Array.of(0xff, 0xfe),
			Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22), // an encoded lone surrogate
			Uint8Array.of(0x22, 0xc0, 0xa0, 0x22), // an overlong space
		];
		for (const body of bad) {
			expectCode(
				thrown(() => publisher.emitRaw('integrations.data.synced', body)),
				'ERR_INVALID_BODY',
			);
		}
		for (const body of [42, null, {}, new ArrayBuffer(4), new DataView(new ArrayBuffer(4)), [1]]) {
			expectCode(
				thrown(() => publisher.emitRaw('integrations.data.synced', body as never)),
				'ERR_INVALID_OPTION',
			);
		}
		expect(thrown(() => publisher.emitRaw('integrations.data.synced', '"x"'))).toBeInstanceOf(
			ZodError,
		);
		expect(publisher.stats()).toMatchObject({ offered: bad.length + 1, invalid: bad.length + 1 });
		notPolluted();
	});
});

describe('publisher, batching mode', () => {
	async function batchWith(
		validation: 'inline' | 'worker',
		offer: (publisher: ReturnType<typeof createIntegrationsPublisher>) => void,
	) {
		const bus = createInProcessBus();
		const delivered: IntegrationsEnvelope[] = [];
		bus.subscribe('*', (envelope) => void delivered.push(envelope));
		const invalid: InvalidEventReport[] = [];
		const publisher = createIntegrationsPublisher({
			bus,
			batching: { enabled: true, validation, maxBatchSize: 500, maxQueueSize: 5_000 },
			onInvalid: (report) => invalid.push(report),
		});
		offer(publisher);
		await publisher.close();
		return { delivered, invalid, stats: publisher.stats() };
	}

	it.each(['inline', 'worker'] as const)(
		'%s: reports every hostile event as invalid with its issues; the valid events of the same batch are delivered intact',
		async (validation) => {
			let hostile = 0;
			const { delivered, invalid, stats } = await batchWith(validation, (publisher) => {
				publisher.dataSynced(validPayload('dataSynced', 0) as never);
				for (const topic of TOPIC_KEYS) {
					for (const [, value] of HOSTILE_VALUES) {
						for (const { payload } of corruptEachField(topic, value)) {
							expect(publisher.emit(topicOf(topic), payload as never)).not.toBe('dropped');
							hostile++;
						}
					}
					for (const [, input] of NOT_PAYLOADS) {
						publisher.emit(topicOf(topic), input as never);
						hostile++;
					}
					publisher.emitRaw(topicOf(topic), '{"integrationId":');
					publisher.emitRaw(topicOf(topic), Uint8Array.of(0x7b, 0xff, 0x7d));
					publisher.emit('integrations.bogus' as never, validPayload(topic, 1) as never);
					hostile += 3;
					publisher.emit(topicOf(topic), hostileValidPayload(topic, 2) as never);
					publisher.emitRaw(topicOf(topic), pollutingRawBody(topic, 3));
				}
				publisher.dataSynced(validPayload('dataSynced', 9) as never);
			});
			expect(stats).toMatchObject({ invalid: hostile, delivered: 2 + 2 * TOPIC_KEYS.length });
			expect(stats.offered).toBe(stats.invalid + stats.delivered);
			expect(invalid).toHaveLength(hostile);
			for (const report of invalid) {
				expect(report.issues.length).toBeGreaterThan(0);
				for (const issue of report.issues) expect(typeof issue.code).toBe('string');
			}
			for (const envelope of delivered) {
				const key = TOPIC_KEYS.find((k) => topicOf(k) === envelope.type)!;
				const seq = Number((envelope.data as { integrationId: string }).integrationId.slice(1));
				expect(envelope.data).toEqual(validPayload(key, seq));
			}
			notPolluted();
		},
		30_000,
	);

	it.each(['inline', 'worker'] as const)(
		'%s: delivers a 10 MB raw body and a 10 MB string field, and reports a 10 MB invalid body',
		async (validation) => {
			const bigName = 'n'.repeat(10 * MB);
			const bigBody = JSON.stringify({ ...validPayload('connected', 1), name: bigName });
			const badBody = `${bigBody.slice(0, -1)},`;
			const { delivered, invalid, stats } = await batchWith(validation, (publisher) => {
				publisher.emitRaw('integrations.connection.established', bigBody);
				publisher.emitRaw('integrations.connection.established', new TextEncoder().encode(badBody));
				publisher.connected({ ...validPayload('connected', 2), name: bigName } as never);
			});
			expect(stats).toMatchObject({ offered: 3, delivered: 2, invalid: 1 });
			expect(delivered.map((e) => (e.data as { name: string }).name.length)).toEqual([
				10 * MB,
				10 * MB,
			]);
			expect(invalid[0]?.issues[0]?.code).toBe('invalid_json');
			expect(JSON.stringify(invalid[0]?.issues).length).toBeLessThan(10_000);
		},
		60_000,
	);
});

describe('options and configuration', () => {
	const BAD_PUBLISHER_OPTIONS: readonly [string, PublisherOptions][] = [
		['bus', { bus: {} as never }],
		['bus', { bus: { publishBatch: 'x' } as never }],
		['source', { source: 'not a uri' }],
		['source', { source: 42 as never }],
		['closeTimeoutMillis', { closeTimeoutMillis: -1 }],
		['closeTimeoutMillis', { closeTimeoutMillis: Number.NaN }],
		['onInvalid', { onInvalid: 'x' as never }],
		['onDeadLetter', { onDeadLetter: {} as never }],
		['logger', { logger: {} as never }],
		['meterProvider', { meterProvider: {} as never }],
		['batching', { batching: 'yes' as never }],
		['batching.maxBatchSize', { batching: { maxBatchSize: 0 } }],
		['batching.maxBatchSize', { batching: { maxBatchSize: 1.5 } }],
		['batching.maxBatchSize', { batching: { maxBatchSize: Number.NaN } }],
		['batching.maxBatchSize', { batching: { maxBatchSize: '25' as never } }],
		['batching.maxBatchSize', { batching: { maxBatchSize: 2n as never } }],
		['batching.maxQueueSize', { batching: { maxQueueSize: Number.POSITIVE_INFINITY } }],
		['batching.overflow', { batching: { overflow: 'drop-all' as never } }],
		['batching.validation', { batching: { validation: '__proto__' as never } }],
		['batching.retry.maxRetries', { batching: { retry: { maxRetries: -1 } } }],
		['batching.workers', { batching: { workers: -1 } }],
		['batching.workers.pool', { batching: { workers: { pool: {} as never } } }],
	];

	it('rejects every wrong option type with InvalidOptionError naming the option', () => {
		for (const [option, options] of BAD_PUBLISHER_OPTIONS) {
			const error = thrown(() => createIntegrationsPublisher(options));
			expectCode(error, 'ERR_INVALID_OPTION');
			expect((error as { option: string }).option, JSON.stringify(option)).toContain(
				option.split('.').at(-1),
			);
		}
	});

	it('loadPublisherConfig rejects hostile variable values naming the variable, and ignores unrelated keys', () => {
		const bad: Record<string, string> = {
			INTEGRATIONS_BATCHING: 'maybe',
			INTEGRATIONS_BATCH_MAX_SIZE: '1e999',
			INTEGRATIONS_QUEUE_MAX_SIZE: '0x10',
			INTEGRATIONS_RETRY_MAX: '-1',
			INTEGRATIONS_CLOSE_TIMEOUT_MS: 'NaN',
			INTEGRATIONS_QUEUE_OVERFLOW: '__proto__',
			INTEGRATIONS_VALIDATION: 'constructor',
			INTEGRATIONS_WORKERS: 'Infinity',
			INTEGRATIONS_SOURCE: 'x'.repeat(MB),
		};
		for (const [name, value] of Object.entries(bad)) {
			const error = thrown(() => loadPublisherConfig({ [name]: value }));
			expectCode(error, 'ERR_INVALID_OPTION');
			expect((error as { option: string }).option).toBe(name);
			expect((error as Error).message.length).toBeLessThan(1_000);
		}
		const env = JSON.parse(
			'{"__proto__":{"polluted":"1"},"constructor":"x","INTEGRATIONS_BATCHING":"1"}',
		);
		expect(loadPublisherConfig(env).batching?.enabled).toBe(true);
		notPolluted();
	});
});

describe('bus entry points', () => {
	it('createInProcessBus and subscribe reject wrong types with InvalidOptionError', () => {
		expectCode(
			thrown(() => createInProcessBus({ onError: 1 as never })),
			'ERR_INVALID_OPTION',
		);
		const bus = createInProcessBus();
		for (const topic of ['nope', '__proto__', 1, null, Symbol('t')]) {
			expectCode(
				thrown(() => bus.subscribe(topic as never, () => {})),
				'ERR_INVALID_OPTION',
			);
		}
		expectCode(
			thrown(() => bus.subscribe('*', 'handler' as never)),
			'ERR_INVALID_OPTION',
		);
	});

	it('the A2A and NATS adapters reject wrong option types with InvalidOptionError', () => {
		const a2a: unknown[] = [
			null,
			'x',
			{},
			{ publish: 'x' },
			{ transport: {} },
			{ publish: async () => {}, maxConcurrentPublishes: 0 },
			{ publish: async () => {}, ttlMillis: Number.NaN },
			{ publish: async () => {}, publishTimeoutMillis: 1n },
		];
		for (const options of a2a) {
			expectCode(
				thrown(() => createA2ABusAdapter(options as never)),
				'ERR_INVALID_OPTION',
			);
		}
		const nats: unknown[] = [
			null,
			{},
			{ servers: [] },
			{ servers: 42 },
			{ connection: {} },
			{ servers: 'nats://127.0.0.1:1', encoding: 'xml' },
			{ servers: 'nats://127.0.0.1:1', subjectPrefix: 'a.>' },
			{ servers: 'nats://127.0.0.1:1', jetstream: 'yes' },
			{ servers: 'nats://127.0.0.1:1', jetstream: { ackTimeoutMillis: -5 } },
			{ servers: 'nats://127.0.0.1:1', flushTimeoutMillis: Number.POSITIVE_INFINITY },
		];
		for (const options of nats) {
			expectCode(
				thrown(() => createNatsBusAdapter(options as never)),
				'ERR_INVALID_OPTION',
			);
		}
	});

	it('subscribeNats rejects a bad subject before subscribing', () => {
		const nc = {
			subscribe: () => {
				throw new Error('must not subscribe');
			},
		};
		for (const subject of ['', 'has space', 42]) {
			expectCode(
				thrown(() => subscribeNats(nc as never, { subject: subject as never })),
				'ERR_INVALID_OPTION',
			);
		}
	});

	it('decodeNatsMessage never throws: hostile messages become ERR_INVALID_MESSAGE results', () => {
		const enc = new TextEncoder();
		const envelope = {
			id: 'e1',
			type: 'integrations.data.synced',
			source: 'urn:x',
			specversion: '1.0',
			time: '2025-01-01T00:00:00Z',
			data: validPayload('dataSynced', 1),
		};
		const bodies: Uint8Array[] = [
			Uint8Array.of(0xff, 0xfe, 0x00),
			enc.encode('{'),
			enc.encode('null'),
			enc.encode('[]'),
			enc.encode('"string"'),
			enc.encode(JSON.stringify({ ...envelope, specversion: '0.3' })),
			enc.encode(JSON.stringify({ ...envelope, type: '__proto__' })),
			enc.encode(JSON.stringify({ ...envelope, headers: { a: 1 } })),
			enc.encode(JSON.stringify({ ...envelope, headers: [] })),
			enc.encode(JSON.stringify({ ...envelope, ttlMs: 2 ** 60 })),
			enc.encode(JSON.stringify({ ...envelope, data: { ...envelope.data, recordsProcessed: -1 } })),
			enc.encode(
				`{"__proto__":{"polluted":true},${JSON.stringify(envelope).slice(1, -1)},"data":{"__proto__":{"polluted":true}}}`,
			),
			enc.encode(
				JSON.stringify({
					...envelope,
					data: { ...envelope.data, syncedAt: 1, status: 'x'.repeat(10 * MB) },
				}),
			),
		];
		for (const data of bodies) {
			const result = decodeNatsMessage({ subject: 'integrations.data.synced', data });
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expectCode(result.error, 'ERR_INVALID_MESSAGE');
				expect(result.error.message.length).toBeLessThan(10_000);
			}
		}
		const weird: unknown[] = [
			{ subject: 'x', data: 'not bytes' },
			{ subject: 'x', data: null },
			{ subject: 'x', data: enc.encode('{}'), headers: { get: () => 1n, has: () => true } },
		];
		for (const message of weird) {
			const result = decodeNatsMessage(message as never);
			expect(result.ok).toBe(false);
		}
		const ok = decodeNatsMessage({
			subject: 'integrations.data.synced',
			data: enc.encode(JSON.stringify(envelope)),
		});
		expect(ok.ok).toBe(true);
		notPolluted();
	});
});

describe('MCP tool handlers', () => {
	const TOOLS = [
		'create_integration',
		'test_integration',
		'execute_integration',
		'list_integrations',
		'monitor_integration',
	] as const;

	/** Inputs wrong for every tool, including ones JSON cannot carry (direct runtime calls). */
	const hostileInputs = (): unknown[] => [
		null,
		42,
		'x',
		[],
		1n,
		Symbol('in'),
		() => ({}),
		cyclic(),
		JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
		{ integrationId: 1n, name: Symbol('n'), type: () => 'api', limit: Number.NaN },
		{ integrationId: cyclic(), operation: cyclic(), timeout: Number.POSITIVE_INFINITY },
		{ integrationId: 'x'.repeat(10 * MB), operation: 'GET', name: 'y'.repeat(10 * MB), config: {} },
		{ limit: Number.POSITIVE_INFINITY, cursor: 'c'.repeat(MB) },
		{ timeRange: { start: 'z'.repeat(MB) }, integrationId: 'i' },
	];

	it('answer hostile inputs with typed errors (never TypeError), without pollution', async () => {
		const runtime = createIntegrationsRuntime();
		try {
			for (const tool of TOOLS) {
				for (const [index, input] of hostileInputs().entries()) {
					const error = await rejection(runtime.callTool(tool, input));
					// list_integrations has no required field: an object with only unknown keys is valid.
					if (error === undefined && tool === 'list_integrations') continue;
					expect(error, `${tool} input #${index}`).toBeInstanceOf(IntegrationsError);
					expect((error as Error).message.length).toBeLessThan(10_000);
				}
			}
			for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
				expectCode(await rejection(runtime.callTool(name as never, {})), 'ERR_UNKNOWN_TOOL');
			}
			notPolluted();
		} finally {
			await runtime.close();
		}
	});

	it('bounds create_integration inputs: oversized names, header names, credential keys and payloads are refused', async () => {
		const runtime = createIntegrationsRuntime();
		try {
			const base = { name: 'ok', type: 'api', config: { endpoint: 'http://127.0.0.1:9/' } };
			const oversized = [
				{ ...base, name: 'n'.repeat(257) },
				{ ...base, config: { ...base.config, endpoint: `http://127.0.0.1:9/${'p'.repeat(3000)}` } },
				{ ...base, config: { ...base.config, headers: { [`x-${'h'.repeat(MB)}`]: 'v' } } },
				{ ...base, config: { ...base.config, headers: { 'x-a': 'v'.repeat(MB) } } },
				{ ...base, config: { ...base.config, credentials: { [`k${'c'.repeat(MB)}`]: 'v' } } },
				{ ...base, config: { ...base.config, credentials: { token: 's'.repeat(MB) } } },
			];
			for (const input of oversized) {
				expectCode(await rejection(runtime.createIntegration(input)), 'ERR_INVALID_INPUT');
			}
			const { integration } = await runtime.createIntegration(base);
			const big = { blob: 'b'.repeat(2 * MB) };
			expectCode(
				await rejection(
					runtime.executeIntegration({
						integrationId: integration.id,
						operation: 'POST /x',
						payload: big,
					}),
				),
				'ERR_INVALID_INPUT',
			);
		} finally {
			await runtime.close();
		}
	});

	it('through the MCP server, hostile and oversized arguments become isError results and the server keeps serving', async () => {
		const { Client, InMemoryTransport } = await import('@modelcontextprotocol/client');
		const runtime = createIntegrationsRuntime();
		const server = createIntegrationsMcpServer(runtime);
		const client = new Client({ name: 'hostile-client', version: '1.0.0' });
		const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
		await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
		try {
			const jsonable = hostileInputs().filter(
				(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
			);
			for (const tool of TOOLS) {
				for (const input of jsonable) {
					let args: Record<string, unknown>;
					try {
						args = JSON.parse(JSON.stringify(input));
					} catch {
						continue; // cycles and BigInts cannot travel over MCP
					}
					const result = await client.callTool({ name: tool, arguments: args });
					if (tool === 'list_integrations' && !result.isError) continue; // only unknown keys
					expect(result.isError, tool).toBe(true);
					// Schema failures are answered by the SDK ("Input validation error: ..."), the rest
					// by the runtime ("ERR_...: ..."); neither echoes the oversized values.
					const text = (result.content as { text: string }[])[0]?.text ?? '';
					expect(text).toMatch(/^(ERR_[A-Z_]+|Input validation error): /);
					expect(text).not.toMatch(/ERR_INTERNAL/);
					expect(text.length).toBeLessThan(10_000);
				}
			}
			const listed = await client.callTool({ name: 'list_integrations', arguments: {} });
			expect(listed.isError).toBeFalsy();
			notPolluted();
		} finally {
			await client.close();
			await runtime.close();
		}
	}, 60_000);

	it('rejects wrong runtime and server option types with InvalidOptionError', async () => {
		const badRuntime: unknown[] = [
			{ maxIntegrations: 0 },
			{ maxConcurrency: Number.NaN },
			{ maxResponseBytes: '1' },
			{ rateLimit: { requestsPerSecond: -1 } },
			{ http: { connectionsPerOrigin: 1.5 } },
			{ endpointPolicy: { denyCidrs: ['not-a-cidr'] } },
			{ endpointPolicy: { allowHosts: ['http://x/y'] } },
			{ endpointPolicy: { protocols: 'http:' } }, // a string would be read as its characters
			{ endpointPolicy: { denyCidrs: '10.0.0.0/8' } },
			{ endpointPolicy: { denyDefaults: 'no' } },
			{ endpointPolicy: null },
			null,
			'options',
			{ defaultTenantId: 5 },
			{ defaultTenantId: '' },
			{ now: 5 },
			{ random: 'x' },
			{ store: {} },
			{ events: {} },
			{ logger: { info: () => {} } },
			{ meterProvider: {} },
		];
		for (const options of badRuntime) {
			expectCode(
				thrown(() => createIntegrationsRuntime(options as never)),
				'ERR_INVALID_OPTION',
			);
		}
		const runtime = createIntegrationsRuntime();
		for (const maxResultChars of [0, 999, Number.NaN, '100000']) {
			expectCode(
				thrown(() => createIntegrationsMcpServer(runtime, { maxResultChars } as never)),
				'ERR_INVALID_OPTION',
			);
		}
		expectCode(
			thrown(() => createIntegrationsMcpServer(runtime, null as never)),
			'ERR_INVALID_OPTION',
		);
		for (const notRuntime of [null, undefined, {}, { callTool: 'x' }]) {
			expectCode(
				thrown(() => createIntegrationsMcpServer(notRuntime as never)),
				'ERR_INVALID_OPTION',
			);
		}
		await runtime.close();
	});
});

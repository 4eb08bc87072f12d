import { parseArgs } from 'node:util';
import { failOption, InvalidOptionError } from '../common/index.js';
import { type IntegrationsRuntimeOptions, RUNTIME_DEFAULTS } from '../mcp/context/index.js';
import { readTokenFile, readTokensFile } from '../mcp/server/http/bearer-tokens.js';
// The bin must load without the optional peers (MCP SDK, NATS): it takes these light parts from their
// own files, as the folder entries also carry the modules that import those peers.
import type { IntegrationsHttpOptions } from '../mcp/server/http/http-server-options.js';
import { parseListenAddress } from '../mcp/server/http/listen-address.js';
import {
	displayServer,
	type NatsKvIntegrationStoreOptions,
} from '../mcp/store/nats-kv/nats-kv-options.js';
import { loadSecretKey, type SecretKeySource } from '../mcp/store/nats-kv/secret-box.js';
import type { LogLevel } from '../telemetry/index.js';

/** What the command line asks for. */
export type CliCommand =
	| { readonly kind: 'help' }
	| { readonly kind: 'version' }
	| {
			readonly kind: 'mcp';
			readonly runtime: IntegrationsRuntimeOptions;
			readonly tenantId: string | undefined;
			readonly logLevel: LogLevel | 'silent';
			/** `--store`: integrations in a NATS JetStream KV bucket shared by replicas (else in memory). */
			readonly store: NatsKvIntegrationStoreOptions | undefined;
			/** `--http HOST:PORT`: Streamable HTTP on `/mcp` instead of stdio. */
			readonly http: CliHttpOptions | undefined;
	  };

/** The HTTP options the command line sets (tokens already read from their files). */
export type CliHttpOptions = Pick<
	IntegrationsHttpOptions,
	| 'host'
	| 'port'
	| 'token'
	| 'tokens'
	| 'tenantId'
	| 'allowedHosts'
	| 'allowedOrigins'
	| 'maxRequestBodyBytes'
	| 'shutdownTimeoutMillis'
>;

/** Flags, their environment variables and help lines (flags win over the environment). */
const FLAGS = {
	'max-concurrency': {
		env: 'CORTEX_INTEGRATIONS_MAX_CONCURRENCY',
		help: 'outbound calls at once (16)',
	},
	'max-pending': {
		env: 'CORTEX_INTEGRATIONS_MAX_PENDING',
		help: 'calls waiting for a slot (1000)',
	},
	'rate-limit-rps': {
		env: 'CORTEX_INTEGRATIONS_RATE_LIMIT_RPS',
		help: 'requests/s per integration (10)',
	},
	'rate-limit-burst': {
		env: 'CORTEX_INTEGRATIONS_RATE_LIMIT_BURST',
		help: 'burst per integration (20)',
	},
	'timeout-ms': { env: 'CORTEX_INTEGRATIONS_TIMEOUT_MS', help: 'default execute deadline (30000)' },
	'max-integrations': {
		env: 'CORTEX_INTEGRATIONS_MAX_INTEGRATIONS',
		help: 'store capacity (100000)',
	},
	'max-tenant-bytes': {
		env: 'CORTEX_INTEGRATIONS_MAX_TENANT_BYTES',
		help: 'bytes integrations may hold (67108864)',
	},
	'allow-hosts': {
		env: 'CORTEX_INTEGRATIONS_ALLOW_HOSTS',
		help: 'comma-separated allow list (any host)',
	},
	'deny-hosts': {
		env: 'CORTEX_INTEGRATIONS_DENY_HOSTS',
		help: 'comma-separated extra denied hosts',
	},
	'deny-cidrs': {
		env: 'CORTEX_INTEGRATIONS_DENY_CIDRS',
		help: 'comma-separated extra denied ranges',
	},
	tenant: {
		env: 'CORTEX_INTEGRATIONS_TENANT',
		help: 'tenant of every call; --http: of the token (default)',
	},
	store: {
		env: 'CORTEX_INTEGRATIONS_STORE',
		help: 'nats://host:port: integrations in NATS KV (memory)',
	},
	'store-bucket': {
		env: 'CORTEX_INTEGRATIONS_STORE_BUCKET',
		help: 'KV bucket (cortex_integrations)',
	},
	'secret-key-file': {
		env: 'INTEGRATIONS_SECRET_KEY_FILE',
		help: 'file of the --store key (32 bytes)',
	},
	'previous-key-file': {
		env: 'INTEGRATIONS_PREVIOUS_SECRET_KEY_FILE',
		help: 'file of a key that only opens',
	},
	http: {
		env: 'CORTEX_INTEGRATIONS_HTTP',
		help: 'HOST:PORT: Streamable HTTP on /mcp (stdio)',
	},
	'token-file': {
		env: 'INTEGRATIONS_MCP_TOKEN_FILE',
		help: 'file of the bearer token (--http)',
	},
	'tokens-file': {
		env: 'INTEGRATIONS_MCP_TOKENS_FILE',
		help: 'JSON {"<token>": "<tenant>"} (--http)',
	},
	'http-allowed-hosts': {
		env: 'CORTEX_INTEGRATIONS_HTTP_ALLOWED_HOSTS',
		help: 'Host names accepted (loopback names)',
	},
	'http-allowed-origins': {
		env: 'CORTEX_INTEGRATIONS_HTTP_ALLOWED_ORIGINS',
		help: 'Origin host names accepted (the hosts)',
	},
	'http-max-body-bytes': {
		env: 'CORTEX_INTEGRATIONS_HTTP_MAX_BODY_BYTES',
		help: 'request body cap (2097152)',
	},
	'shutdown-timeout-ms': {
		env: 'CORTEX_INTEGRATIONS_SHUTDOWN_TIMEOUT_MS',
		help: 'calls in flight may finish (10000)',
	},
	'log-level': { env: 'LOG_LEVEL', help: 'error|warn|info|debug|silent (info), to stderr' },
} as const;

type FlagName = keyof typeof FLAGS;

export const CLI_USAGE = [
	'Usage: cortex-integrations mcp [options]',
	'',
	'Serves the five integration tools (create, test, execute, list, monitor) as an MCP server over',
	'stdio, or with --http over Streamable HTTP (a bearer token required). Logs go to stderr; stdout',
	'carries only MCP messages.',
	'',
	'Options (flag, or environment variable):',
	...Object.entries(FLAGS).map(
		([flag, spec]) => `  --${flag.padEnd(20)} ${spec.env.padEnd(40)} ${spec.help}`,
	),
	`  ${''.padEnd(22)} ${'INTEGRATIONS_SECRET_KEY'.padEnd(40)} the --store key, base64 (required)`,
	`  ${''.padEnd(22)} ${'INTEGRATIONS_PREVIOUS_SECRET_KEY'.padEnd(40)} keys that only open (rotation)`,
	`  ${''.padEnd(22)} ${'INTEGRATIONS_MCP_TOKEN'.padEnd(40)} the bearer token (--http)`,
	`  ${'-h, --help'.padEnd(22)} print this help`,
	`  ${'-v, --version'.padEnd(22)} print the version`,
].join('\n');

/** The edge config adapter: argv + env → options. Throws `InvalidOptionError` naming the flag. */
export function parseCliConfig(
	argv: readonly string[],
	env: Readonly<Record<string, string | undefined>>,
): CliCommand {
	const options = Object.fromEntries(
		Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]),
	);
	const { values, positionals } = parseArgs({
		args: [...argv],
		options: {
			...options,
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' },
		},
		allowPositionals: true,
		strict: true,
	});
	if (values.help) return { kind: 'help' };
	if (values.version) return { kind: 'version' };
	if (positionals[0] !== 'mcp' || positionals.length > 1) {
		failOption('command', '"mcp"', positionals.join(' '));
	}
	const flags = values as Record<string, string | boolean | undefined>;
	const read = (flag: FlagName) => (flags[flag] as string | undefined) ?? env[FLAGS[flag].env];
	const http = httpOptions(read, env);
	return {
		kind: 'mcp',
		runtime: runtimeOptions(read, http?.tokens !== undefined),
		tenantId: read('tenant'),
		logLevel: logLevel(read('log-level')),
		store: storeOptions(read, env),
		http,
	};
}

const HTTP_ONLY_FLAGS = [
	'token-file',
	'tokens-file',
	'http-allowed-hosts',
	'http-allowed-origins',
	'http-max-body-bytes',
	'shutdown-timeout-ms',
] as const;

/**
 * `--http` and its options. It refuses to start without a bearer token (INTEGRATIONS_MCP_TOKEN,
 * --token-file, or --tokens-file, whose tokens each run in their own tenant).
 */
function httpOptions(
	read: (flag: FlagName) => string | undefined,
	env: Readonly<Record<string, string | undefined>>,
): CliHttpOptions | undefined {
	const address = read('http');
	if (address === undefined || address.trim() === '') {
		const stray = HTTP_ONLY_FLAGS.find((flag) => read(flag) !== undefined);
		if (stray) throw new InvalidOptionError(`--${stray}`, 'applies only with --http HOST:PORT');
		return undefined;
	}
	const tokenFile = read('token-file');
	const tokensFile = read('tokens-file');
	const token = tokenFile ? readTokenFile(tokenFile, '--token-file') : env.INTEGRATIONS_MCP_TOKEN;
	const tokens = tokensFile
		? Object.fromEntries(readTokensFile(tokensFile, '--tokens-file'))
		: undefined;
	if (!token && !tokens) {
		throw new InvalidOptionError(
			'INTEGRATIONS_MCP_TOKEN',
			'a bearer token is required with --http: set INTEGRATIONS_MCP_TOKEN, or pass --token-file or --tokens-file',
		);
	}
	return {
		...parseListenAddress(address, '--http'),
		...(token && { token }),
		...(tokens && { tokens }),
		tenantId: read('tenant'),
		allowedHosts: toList(read('http-allowed-hosts')),
		allowedOrigins: toList(read('http-allowed-origins')),
		maxRequestBodyBytes: toNumber('http-max-body-bytes', read('http-max-body-bytes')),
		shutdownTimeoutMillis: toNumber('shutdown-timeout-ms', read('shutdown-timeout-ms')),
	};
}

/**
 * `--store` and its keys. A replica without a key refuses to start: the key seals credentials before
 * they reach NATS. A key file (flag or variable) wins over INTEGRATIONS_SECRET_KEY.
 */
function storeOptions(
	read: (flag: FlagName) => string | undefined,
	env: Readonly<Record<string, string | undefined>>,
): NatsKvIntegrationStoreOptions | undefined {
	const servers = toList(read('store'));
	if (servers === undefined || servers.length === 0) return undefined;
	for (const server of servers) {
		if (!/^(nats|tls):\/\/[^/\s]+$/.test(server)) {
			const expected = 'nats://host:port or tls://host:port (comma-separated for a cluster)';
			failOption('--store', expected, displayServer(server));
		}
	}
	const keyFile = read('secret-key-file');
	const secretKey = keyFile
		? checkedKey({ file: keyFile }, '--secret-key-file')
		: checkedKey(env.INTEGRATIONS_SECRET_KEY, 'INTEGRATIONS_SECRET_KEY');
	const previousFile = read('previous-key-file');
	const previousSecretKeys = [
		...(toList(env.INTEGRATIONS_PREVIOUS_SECRET_KEY) ?? []).map((key) =>
			checkedKey(key, 'INTEGRATIONS_PREVIOUS_SECRET_KEY'),
		),
		...(previousFile ? [checkedKey({ file: previousFile }, '--previous-key-file')] : []),
	];
	const maxIntegrations = toNumber('max-integrations', read('max-integrations'));
	const bucket = read('store-bucket');
	return { servers, secretKey, previousSecretKeys, maxIntegrations, ...(bucket && { bucket }) };
}

/** The key as given, once it loads (an error names `option`, never the key). */
function checkedKey(source: SecretKeySource | undefined, option: string): SecretKeySource {
	if (source === undefined || source === '') {
		throw new InvalidOptionError(
			option,
			'required with --store: the 32-byte key (base64) that seals credentials before they reach NATS; set it, or pass --secret-key-file (create one with `openssl rand -base64 32`)',
		);
	}
	loadSecretKey(source, option);
	return source;
}

function runtimeOptions(
	read: (flag: FlagName) => string | undefined,
	multiTenant: boolean,
): IntegrationsRuntimeOptions {
	const num = (flag: FlagName) => toNumber(flag, read(flag));
	const list = (flag: FlagName) => toList(read(flag));
	const rps = num('rate-limit-rps');
	const burst = num('rate-limit-burst');
	const maxConcurrency = num('max-concurrency');
	const maxPendingCalls = num('max-pending');
	const d = RUNTIME_DEFAULTS;
	return {
		maxConcurrency,
		maxPendingCalls,
		// Without --tokens-file every call runs in one tenant: per-tenant fairness would only halve
		// its slots. With a token table, tenants share the slots fairly (the runtime's defaults).
		...(!multiTenant && {
			maxConcurrencyPerTenant: maxConcurrency ?? d.maxConcurrency,
			maxPendingCallsPerTenant: maxPendingCalls ?? d.maxPendingCalls,
		}),
		defaultTimeoutMillis: num('timeout-ms'),
		maxIntegrations: num('max-integrations'),
		maxTenantBytes: num('max-tenant-bytes'),
		...((rps !== undefined || burst !== undefined) && {
			rateLimit: { requestsPerSecond: rps, burst },
		}),
		endpointPolicy: {
			allowHosts: list('allow-hosts'),
			denyHosts: list('deny-hosts'),
			denyCidrs: list('deny-cidrs'),
		},
	};
}

function toNumber(flag: string, text: string | undefined): number | undefined {
	if (text === undefined || text.trim() === '') return undefined;
	const value = Number(text);
	if (!Number.isFinite(value)) failOption(`--${flag}`, 'a number', text);
	return value;
}

function toList(text: string | undefined): string[] | undefined {
	if (text === undefined) return undefined;
	return text
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
}

const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'silent'] as const;

function logLevel(text: string | undefined): LogLevel | 'silent' {
	const level = (text ?? 'info').toLowerCase();
	if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel | 'silent';
	return failOption('--log-level', `one of ${LOG_LEVELS.join(', ')}`, text);
}

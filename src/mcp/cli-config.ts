import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../errors.js';
import type { LogLevel } from '../telemetry/logger.js';
import { type IntegrationsRuntimeOptions, RUNTIME_CAPACITY_DEFAULTS } from './runtime-options.js';

/** What the command line asks for. */
export type CliCommand =
	| { readonly kind: 'help' }
	| { readonly kind: 'version' }
	| {
			readonly kind: 'mcp';
			readonly runtime: IntegrationsRuntimeOptions;
			readonly tenantId: string | undefined;
			readonly logLevel: LogLevel | 'silent';
	  };

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
	tenant: { env: 'CORTEX_INTEGRATIONS_TENANT', help: 'tenant of every call (default)' },
	'log-level': { env: 'LOG_LEVEL', help: 'error|warn|info|debug|silent (info), to stderr' },
} as const;

type FlagName = keyof typeof FLAGS;

export const CLI_USAGE = [
	'Usage: cortex-integrations mcp [options]',
	'',
	'Serves the five integration tools (create, test, execute, list, monitor) as an MCP server over',
	'stdio. Logs go to stderr; stdout carries only MCP messages.',
	'',
	'Options (flag, or environment variable):',
	...Object.entries(FLAGS).map(
		([flag, spec]) => `  --${flag.padEnd(18)} ${spec.env.padEnd(38)} ${spec.help}`,
	),
	'  -h, --help             print this help',
	'  -v, --version          print the version',
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
		throw new InvalidOptionError(
			'command',
			`expected "mcp", got ${JSON.stringify(positionals.join(' '))}`,
		);
	}
	const flags = values as Record<string, string | boolean | undefined>;
	const read = (flag: FlagName) => (flags[flag] as string | undefined) ?? env[FLAGS[flag].env];
	return {
		kind: 'mcp',
		runtime: runtimeOptions(read),
		tenantId: read('tenant'),
		logLevel: logLevel(read('log-level')),
	};
}

function runtimeOptions(read: (flag: FlagName) => string | undefined): IntegrationsRuntimeOptions {
	const num = (flag: FlagName) => toNumber(flag, read(flag));
	const list = (flag: FlagName) => toList(read(flag));
	const rps = num('rate-limit-rps');
	const burst = num('rate-limit-burst');
	const maxConcurrency = num('max-concurrency');
	const maxPendingCalls = num('max-pending');
	const d = RUNTIME_CAPACITY_DEFAULTS;
	return {
		maxConcurrency,
		maxPendingCalls,
		// Every call of the CLI runs in one tenant: per-tenant fairness would only halve its slots.
		maxConcurrencyPerTenant: maxConcurrency ?? d.maxConcurrency,
		maxPendingCallsPerTenant: maxPendingCalls ?? d.maxPendingCalls,
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
	if (!Number.isFinite(value))
		throw new InvalidOptionError(`--${flag}`, `expected a number, got ${JSON.stringify(text)}`);
	return value;
}

function toList(text: string | undefined): string[] | undefined {
	if (text === undefined) return undefined;
	return text
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
}

function logLevel(text: string | undefined): LogLevel | 'silent' {
	const level = (text ?? 'info').toLowerCase();
	if (['error', 'warn', 'info', 'debug', 'silent'].includes(level))
		return level as LogLevel | 'silent';
	throw new InvalidOptionError(
		'--log-level',
		`expected error|warn|info|debug|silent, got ${JSON.stringify(text)}`,
	);
}

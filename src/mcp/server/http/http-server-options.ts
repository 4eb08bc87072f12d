import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import {
	checkBoolean,
	checkInteger,
	checkObject,
	failOption,
	InvalidOptionError,
} from '../../../common/index.js';
import type { IntegrationsLogger } from '../../../telemetry/index.js';
import type { IntegrationStore } from '../../store/index.js';
import type { IntegrationsMcpServerOptions } from '../server.js';
import {
	type BearerTokens,
	createBearerTokens,
	readTokenFile,
	readTokensFile,
} from './bearer-tokens.js';
import { isWildcardHost, urlHost } from './listen-address.js';

/**
 * Options of `serveIntegrationsHttp`. At least one of `token`, `tokenFile`, `tokens` and
 * `tokensFile` is required: the server refuses to start without a bearer token.
 */
export interface IntegrationsHttpOptions {
	/** Address to listen on. @default '127.0.0.1' */
	host?: string;
	/** TCP port; 0 picks a free one (read the `url` of the result). @default 0 */
	port?: number;
	/** Bearer token accepted; its calls run in tenant `tenantId`. @default none */
	token?: string;
	/** File holding one bearer token (read once at start), as `token`. @default none */
	tokenFile?: string;
	/** Tenant of the calls made with `token` or `tokenFile`. @default 'default' */
	tenantId?: string;
	/** More bearer tokens, each mapped to its tenant: `{ '<token>': '<tenantId>' }`. @default none */
	tokens?: Readonly<Record<string, string>>;
	/** JSON file holding a `tokens` table (read once at start). @default none */
	tokensFile?: string;
	/**
	 * Hostnames accepted in the `Host` header (any port; IPv6 in brackets), against DNS rebinding;
	 * `['*']` turns the check off. @default localhost, 127.0.0.1, [::1], and `host` unless a wildcard
	 */
	allowedHosts?: readonly string[];
	/** Hostnames accepted in an `Origin` header (requests without one pass); `['*']` any. @default `allowedHosts` */
	allowedOrigins?: readonly string[];
	/** Largest request body, in bytes; a larger one is answered 413 unread. @default 2097152 (2 MiB) */
	maxRequestBodyBytes?: number;
	/** How long `close()` lets calls in flight finish before aborting them, in ms. @default 10000 */
	shutdownTimeoutMillis?: number;
	/** Store whose `ping()` decides `GET /healthz` (200, or 503 when it fails). @default none: 200 while open */
	store?: Pick<IntegrationStore, 'ping'>;
	/** Deadline of that `ping()`, in ms. @default 2000 */
	healthTimeoutMillis?: number;
	/**
	 * Answer 2025-era requests with one JSON body (stateless, as Cortex-OS serves MCP); `false`
	 * streams them as SSE, with progress notifications. 2026-07-28 requests get JSON unless the call
	 * asked for progress. @default true
	 */
	jsonResponse?: boolean;
	/** Server name, version and result cap, as for `createIntegrationsMcpServer` (the tenant is the token's). @default see `IntegrationsMcpServerOptions` */
	server?: Omit<IntegrationsMcpServerOptions, 'tenantId'>;
	/** pino-compatible logger. @default silent */
	logger?: IntegrationsLogger;
}

/** Defaults of `IntegrationsHttpOptions`, applied by `resolveHttpOptions` only. */
export const HTTP_DEFAULTS = Object.freeze({
	host: '127.0.0.1',
	port: 0,
	tenantId: 'default',
	maxRequestBodyBytes: 2 * 1024 * 1024,
	shutdownTimeoutMillis: 10_000,
	healthTimeoutMillis: 2_000,
	jsonResponse: true,
});

export type ResolvedHttpOptions = ReturnType<typeof resolveHttpOptions>;

/** Applies defaults once, reads token files and validates eagerly (`InvalidOptionError`). */
export function resolveHttpOptions(o: IntegrationsHttpOptions) {
	checkObject('options', o);
	const d = HTTP_DEFAULTS;
	const host = o.host ?? d.host;
	if (typeof host !== 'string' || host === '') failOption('host', 'a host name or address', host);
	const allowedHosts = hostList('allowedHosts', o.allowedHosts) ?? defaultAllowedHosts(host);
	return Object.freeze({
		host,
		port: checkInteger('port', o.port ?? d.port, 0, 65_535),
		tokens: tokenTable(o),
		allowedHosts,
		allowedOrigins: hostList('allowedOrigins', o.allowedOrigins) ?? allowedHosts,
		maxRequestBodyBytes: checkInteger(
			'maxRequestBodyBytes',
			o.maxRequestBodyBytes ?? d.maxRequestBodyBytes,
			1024,
		),
		shutdownTimeoutMillis: checkInteger(
			'shutdownTimeoutMillis',
			o.shutdownTimeoutMillis ?? d.shutdownTimeoutMillis,
			0,
		),
		healthTimeoutMillis: checkInteger(
			'healthTimeoutMillis',
			o.healthTimeoutMillis ?? d.healthTimeoutMillis,
			1,
		),
		jsonResponse: checkBoolean('jsonResponse', o.jsonResponse ?? d.jsonResponse),
		store: o.store,
		server: o.server ?? {},
		logger: o.logger,
	});
}

function tokenTable(o: IntegrationsHttpOptions): BearerTokens {
	const tenantId = o.tenantId ?? HTTP_DEFAULTS.tenantId;
	const entries: Array<readonly [string, string]> = [];
	if (o.token !== undefined) entries.push([o.token, tenantId]);
	if (o.tokenFile !== undefined) entries.push([readTokenFile(o.tokenFile, 'tokenFile'), tenantId]);
	if (o.tokens !== undefined) {
		checkObject('tokens', o.tokens);
		entries.push(...Object.entries(o.tokens));
	}
	if (o.tokensFile !== undefined) entries.push(...readTokensFile(o.tokensFile, 'tokensFile'));
	const tokens = createBearerTokens(entries, 'token');
	if (tokens.size === 0) {
		throw new InvalidOptionError(
			'token',
			'a bearer token is required over HTTP: set INTEGRATIONS_MCP_TOKEN, --token-file or --tokens-file (options token, tokenFile, tokens, tokensFile)',
		);
	}
	return tokens;
}

function defaultAllowedHosts(host: string): readonly string[] {
	const names = localhostAllowedHostnames();
	if (isWildcardHost(host) || names.includes(urlHost(host))) return names;
	return [...names, urlHost(host).toLowerCase()];
}

function hostList(
	option: string,
	value: readonly string[] | undefined,
): readonly string[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
		failOption(option, 'an array of host names', value);
	}
	return Object.freeze(value.map((item) => item.toLowerCase()));
}

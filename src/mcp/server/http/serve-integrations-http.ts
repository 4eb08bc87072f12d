import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthInfo, isJsonContentType } from '@modelcontextprotocol/server';
import { failOption } from '../../../common/index.js';
import { createLogFn, type LogFn } from '../../../telemetry/index.js';
import type { IntegrationsRuntime } from '../../runtime/index.js';
import { createIntegrationsMcpServer } from '../server.js';
import { createHealthProbe } from './health-probe.js';
import { refuse, sendJson, unauthorized } from './http-replies.js';
import {
	type IntegrationsHttpOptions,
	type ResolvedHttpOptions,
	resolveHttpOptions,
} from './http-server-options.js';
import { isWildcardHost, urlHost } from './listen-address.js';
import { createMcpFetchHandler, type McpFetchHandler } from './mcp-fetch-handler.js';
import { readJsonBody } from './read-json-body.js';
import { createRebindingGuard } from './rebinding-guard.js';
import { createRequestDrain, type RequestDrain } from './request-drain.js';
import { clientGoneSignal, toWebRequest, writeWebResponse } from './web-exchange.js';

/** Path of the Streamable HTTP endpoint. */
export const MCP_HTTP_PATH = '/mcp';
/** Path of the health check (no token needed: it tells only whether the store answers). */
export const HEALTH_HTTP_PATH = '/healthz';

/** A running HTTP server of the five tools. */
export interface IntegrationsHttpServer {
	/** The MCP endpoint, e.g. `http://127.0.0.1:8080/mcp`. */
	readonly url: string;
	/**
	 * Stops taking requests (new ones get 503), lets the calls in flight finish within
	 * `shutdownTimeoutMillis`, aborts the rest, and closes every connection. Runs once; the
	 * runtime stays open (close it after this).
	 */
	close(): Promise<void>;
}

interface Parts {
	readonly options: ResolvedHttpOptions;
	readonly handler: McpFetchHandler;
	readonly guard: (req: IncomingMessage) => string | undefined;
	readonly healthy: () => Promise<boolean>;
	readonly drain: RequestDrain;
	readonly log: LogFn;
}

/**
 * Serves the five tools of `runtime` over Streamable HTTP on `/mcp` (stateless, one fresh MCP
 * server per request; JSON responses), with `GET /healthz`. Every `/mcp` request needs a known
 * bearer token, whose tenant its calls run in; DNS-rebinding protection and a body cap apply
 * before any MCP parsing.
 */
export async function serveIntegrationsHttp(
	runtime: IntegrationsRuntime,
	options: IntegrationsHttpOptions,
): Promise<IntegrationsHttpServer> {
	if (typeof runtime?.callTool !== 'function') {
		failOption('runtime', 'an IntegrationsRuntime', runtime);
	}
	const resolved = resolveHttpOptions(options);
	const log = createLogFn(resolved.logger);
	const onerror = (error: Error) =>
		log('debug', 'mcp http exchange failed', { error: error.message });
	const serverOptions = { ...resolved.server, tenantId: tenantOfToken };
	const handler = createMcpFetchHandler(() => createIntegrationsMcpServer(runtime, serverOptions), {
		jsonResponse: resolved.jsonResponse,
		maxRequestBodyBytes: resolved.maxRequestBodyBytes,
		onerror,
	});
	const parts: Parts = {
		options: resolved,
		handler,
		guard: createRebindingGuard(resolved.allowedHosts, resolved.allowedOrigins),
		healthy: createHealthProbe(resolved.store, resolved.healthTimeoutMillis, log),
		drain: createRequestDrain(),
		log,
	};
	return listen(parts);
}

/** The tenant is always the token's: a server option can never widen what a token reaches. */
function tenantOfToken(ctx: { http?: { authInfo?: AuthInfo } }): string | undefined {
	return ctx.http?.authInfo?.clientId;
}

async function listen(parts: Parts): Promise<IntegrationsHttpServer> {
	const { host, port } = parts.options;
	const server = createServer((req, res) => route(parts, req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const bound = server.address() as AddressInfo;
	const url = `http://${reachableHost(bound.address)}:${bound.port}${MCP_HTTP_PATH}`;
	parts.log('info', 'integrations MCP server listening', {
		url,
		tokens: parts.options.tokens.size,
		allowedHosts: parts.options.allowedHosts,
	});
	let closing: Promise<void> | undefined;
	return {
		url,
		close() {
			closing ??= shutdown(parts, server);
			return closing;
		},
	};
}

function route(parts: Parts, req: IncomingMessage, res: ServerResponse): void {
	const path = pathOf(req.url);
	if (path === HEALTH_HTTP_PATH) {
		answerHealth(parts, req, res).catch(() => res.destroy());
	} else if (path !== MCP_HTTP_PATH) {
		refuse(res, 404, 'Not found');
	} else {
		admit(parts, req, res);
	}
}

/** Refusals before any body is read: shutting down (503), DNS rebinding (403), no valid token (401). */
function admit(parts: Parts, req: IncomingMessage, res: ServerResponse): void {
	if (parts.drain.closing) {
		refuse(res, 503, 'Server is shutting down');
		return;
	}
	const rebinding = parts.guard(req);
	if (rebinding !== undefined) {
		refuse(res, 403, rebinding);
		return;
	}
	const auth = parts.options.tokens.authenticate(req.headers.authorization);
	if (auth === undefined) unauthorized(res, req.headers.authorization !== undefined);
	else parts.drain.track(res, serveMcp(parts, req, res, auth));
}

/** One `/mcp` exchange: the JSON body is read and parsed once, then the SDK answers. */
async function serveMcp(
	parts: Parts,
	req: IncomingMessage,
	res: ServerResponse,
	authInfo: AuthInfo,
): Promise<void> {
	try {
		const body = await readPostBody(parts, req, res);
		if (body === undefined) return;
		const request = toWebRequest(req, clientGoneSignal(res));
		const response = await parts.handler.fetch(request, { authInfo, ...body });
		await writeWebResponse(res, response);
	} catch (error) {
		parts.log('warn', 'mcp http exchange failed', { error: (error as Error)?.message });
		if (!res.headersSent) refuse(res, 500, 'Internal server error', {}, -32603);
		else res.destroy();
	}
}

/** `{}` without a body (GET, DELETE), `{ parsedBody }` for a JSON POST; `undefined` once refused. */
async function readPostBody(
	parts: Parts,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<{ parsedBody?: unknown } | undefined> {
	if (req.method !== 'POST') return {};
	if (!isJsonContentType(req.headers['content-type'])) {
		refuse(res, 415, 'Unsupported Media Type: Content-Type must be application/json');
		return undefined;
	}
	const body = await readJsonBody(req, parts.options.maxRequestBodyBytes);
	if (body.ok) return { parsedBody: body.value };
	refuse(res, body.status, body.message, {}, body.status === 413 ? -32000 : -32700);
	return undefined;
}

async function answerHealth(parts: Parts, req: IncomingMessage, res: ServerResponse) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		return refuse(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
	}
	if (parts.drain.closing) return sendJson(res, 503, { status: 'closing' });
	const healthy = await parts.healthy();
	sendJson(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'store unreachable' });
}

async function shutdown(parts: Parts, server: Server): Promise<void> {
	const closed = once(server, 'close');
	server.close();
	server.closeIdleConnections();
	const { shutdownTimeoutMillis } = parts.options;
	const inflight = parts.drain.size;
	parts.log('info', 'integrations MCP server draining', { inflight, shutdownTimeoutMillis });
	const drained = await parts.drain.drain(shutdownTimeoutMillis);
	if (!drained) {
		parts.log('warn', 'aborting calls still in flight after the shutdown timeout', {
			inflight: parts.drain.size,
			shutdownTimeoutMillis,
		});
	}
	await parts.handler.close();
	server.closeAllConnections();
	await closed;
	parts.log('info', 'integrations MCP server closed', { drained });
}

/** A wildcard bind is reached on loopback: `url` names an address a local client can call. */
function reachableHost(address: string): string {
	if (!isWildcardHost(address)) return urlHost(address);
	return address === '::' ? '[::1]' : '127.0.0.1';
}

function pathOf(url: string | undefined): string {
	const end = url?.search(/[?#]/) ?? -1;
	return end === -1 ? (url ?? '/') : url!.slice(0, end);
}

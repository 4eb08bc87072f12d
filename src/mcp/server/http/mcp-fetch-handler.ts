import {
	createMcpHandler,
	isLegacyRequest,
	type McpHandlerRequestOptions,
	type McpServer,
	WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';

/** The web-standard face served on `/mcp`: one fresh server per request, nothing kept between them. */
export interface McpFetchHandler {
	fetch(request: Request, options?: McpHandlerRequestOptions): Promise<Response>;
	/** Aborts the exchanges in flight. */
	close(): Promise<void>;
}

export interface McpFetchHandlerOptions {
	/** 2025-era requests answered with one JSON body rather than an SSE stream. */
	readonly jsonResponse: boolean;
	readonly maxRequestBodyBytes: number;
	readonly onerror: (error: Error) => void;
}

/**
 * Serves both protocol eras statelessly with the SDK's own parts: 2026-07-28 requests through
 * `createMcpHandler` (JSON unless the call asks for progress), 2025-era requests through a
 * stateless `WebStandardStreamableHTTPServerTransport` with `enableJsonResponse`, as Cortex-OS
 * serves its MCP servers (the SDK's built-in stateless fallback would stream SSE instead).
 */
export function createMcpFetchHandler(
	factory: () => McpServer,
	options: McpFetchHandlerOptions,
): McpFetchHandler {
	const { jsonResponse, maxRequestBodyBytes: maxRequestBodySize, onerror } = options;
	if (!jsonResponse) {
		return createMcpHandler(factory, { legacy: 'stateless', maxRequestBodySize, onerror });
	}
	const modern = createMcpHandler(factory, { legacy: 'reject', maxRequestBodySize, onerror });
	return {
		async fetch(request, requestOptions) {
			const legacy = await isLegacyRequest(request, requestOptions?.parsedBody, {
				maxRequestBodySize,
			});
			if (!legacy) return modern.fetch(request, requestOptions);
			return serveLegacyJson(factory, request, requestOptions, maxRequestBodySize);
		},
		close: () => modern.close(),
	};
}

/** One 2025-era exchange on a fresh server and stateless transport, answered with one JSON body. */
async function serveLegacyJson(
	factory: () => McpServer,
	request: Request,
	options: McpHandlerRequestOptions | undefined,
	maxRequestBodySize: number,
): Promise<Response> {
	if (request.method !== 'POST') return methodNotAllowed();
	const server = factory();
	const transport = new WebStandardStreamableHTTPServerTransport({
		sessionIdGenerator: undefined,
		enableJsonResponse: true,
		maxRequestBodySize,
	});
	await server.connect(transport);
	const teardown = () => {
		request.signal.removeEventListener('abort', teardown);
		transport.close().catch(() => {});
		server.close().catch(() => {});
	};
	// A client that goes away aborts its call: closing the server aborts the handler's signal.
	request.signal.addEventListener('abort', teardown, { once: true });
	try {
		return await transport.handleRequest(request, options);
	} finally {
		teardown();
	}
}

/** Stateless serving has no session: no standalone GET stream and no DELETE. */
function methodNotAllowed(): Response {
	return Response.json(
		{ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null },
		{ status: 405, headers: { allow: 'POST' } },
	);
}

#!/usr/bin/env node
// `cortex-integrations mcp`: the five integration tools as an MCP server over stdio, or over
// Streamable HTTP with `--http HOST:PORT`. Configuration comes from flags and environment
// variables (see --help); logs go to stderr only. The MCP SDK, undici and the runtime load only
// for the `mcp` command, so `--help` stays fast.
import { createRequire } from 'node:module';
import { InvalidOptionError, MissingPeerError } from '../common/index.js';
import type { NatsKvIntegrationStoreOptions } from '../mcp/store/nats-kv/nats-kv-options.js';
import type { IntegrationsLogger } from '../telemetry/index.js';
import { CLI_USAGE, type CliCommand, type CliHttpOptions, parseCliConfig } from './cli-config.js';
import { createStreamLogger } from './stderr-logger.js';
import { createLineLimiter, MAX_STDIO_LINE_BYTES, oversizedLineError } from './stdio-line-limit.js';

type McpCommand = Extract<CliCommand, { kind: 'mcp' }>;
type Runtime = import('../mcp/runtime/runtime.js').IntegrationsRuntime;
type Store = Awaited<ReturnType<typeof openStore>>;
/** Starts serving the runtime; resolves with the function that stops serving. */
type Serve = (runtime: Runtime, store: Store | undefined) => Promise<() => Promise<void>>;

async function serve(command: McpCommand): Promise<void> {
	const logger = createStreamLogger(command.logLevel);
	// The MCP SDK loads first: without it the CLI names the peer before it opens anything.
	const start = await (command.http
		? loadHttp(command.http, logger)
		: loadStdio(command, logger)
	).catch(explainMissingPeer);
	const { createIntegrationsRuntime } = await import('../mcp/runtime/runtime.js');
	const store = command.store && (await openStore(command.store, logger));
	const runtime = createIntegrationsRuntime({ ...command.runtime, logger, store });
	const stopServing = await start(runtime, store).catch(async (error: unknown) => {
		await runtime.close();
		await store?.close();
		throw error;
	});
	let stopping = false;
	// Over HTTP, calls in flight finish first (within --shutdown-timeout-ms), then the runtime closes.
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		stopServing()
			.then(() => runtime.close())
			.then(() => store?.close())
			.then(
				() => logger.info({}, 'stopped'),
				(error: Error) => logger.error({ error: error.message }, 'shutdown failed'),
			);
	};
	if (!command.http) process.stdin.once('end', shutdown);
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

/** `--http HOST:PORT`: Streamable HTTP on /mcp; each bearer token's calls run in its tenant. */
async function loadHttp(options: CliHttpOptions, logger: IntegrationsLogger): Promise<Serve> {
	const { serveIntegrationsHttp } = await import('../mcp/server/http/serve-integrations-http.js');
	return async (runtime, store) => {
		const server = await serveIntegrationsHttp(runtime, {
			...options,
			store,
			logger,
			server: { version: packageVersion() },
		});
		return () => server.close();
	};
}

async function loadStdio(command: McpCommand, logger: IntegrationsLogger): Promise<Serve> {
	const [{ serveStdio, StdioServerTransport }, { createIntegrationsMcpServer }] = await Promise.all(
		[import('@modelcontextprotocol/server/stdio'), import('../mcp/server/server.js')],
	);
	return async (runtime) => {
		const version = packageVersion();
		const serverOptions = { version, ...(command.tenantId && { tenantId: command.tenantId }) };
		// A line over the limit is dropped and answered with an error; the SDK's transport would
		// close instead, and the process would exit with code 0, dropping every credential in memory.
		const lines = createLineLimiter(MAX_STDIO_LINE_BYTES, (head) => {
			logger.warn({ maxLineBytes: MAX_STDIO_LINE_BYTES }, 'dropped an oversized stdin line');
			transport.send(oversizedLineError(head, MAX_STDIO_LINE_BYTES)).catch(() => {});
		});
		const transport = new StdioServerTransport(process.stdin.pipe(lines), process.stdout, {
			maxBufferSize: MAX_STDIO_LINE_BYTES,
		});
		const handle = serveStdio(() => createIntegrationsMcpServer(runtime, serverOptions), {
			transport,
			onerror: (error) => logger.warn({ error: error.message }, 'mcp transport error'),
		});
		logger.info({ version }, 'cortex-integrations MCP server listening on stdio');
		return () => handle.close();
	};
}

/** `--store`: the NATS KV store, loaded only then; it refuses to start without NATS or its key. */
async function openStore(options: NatsKvIntegrationStoreOptions, logger: IntegrationsLogger) {
	const { createNatsKvIntegrationStore } = await import(
		'../mcp/store/nats-kv/nats-kv-integration-store.js'
	);
	return createNatsKvIntegrationStore({ ...options, logger });
}

/** The MCP SDK is an optional peer: name the package to install instead of a bare module error. */
function explainMissingPeer(error: unknown): never {
	const code = (error as { code?: unknown } | null)?.code;
	const message = error instanceof Error ? error.message : '';
	if (code === 'ERR_MODULE_NOT_FOUND' && message.includes('@modelcontextprotocol/server')) {
		throw new MissingPeerError(
			'@modelcontextprotocol/server',
			'`cortex-integrations mcp` needs the MCP SDK, an optional peer dependency: install it with `npm i @modelcontextprotocol/server`, or run `npx -p @cortex-os/integrations -p @modelcontextprotocol/server cortex-integrations mcp`',
		);
	}
	throw error;
}

function packageVersion(): string {
	try {
		return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
	} catch {
		return '0.0.0';
	}
}

function fail(error: unknown): void {
	const message = error instanceof Error ? error.message : String(error);
	const usage = error instanceof InvalidOptionError ? `\n\n${CLI_USAGE}` : '';
	process.stderr.write(`cortex-integrations: ${message}${usage}\n`);
	process.exitCode = error instanceof InvalidOptionError ? 2 : 1;
}

function main(): void {
	let command: CliCommand;
	try {
		command = parseCliConfig(process.argv.slice(2), process.env);
	} catch (error) {
		fail(error instanceof TypeError ? new InvalidOptionError('argv', error.message) : error);
		return;
	}
	if (command.kind === 'help') process.stdout.write(`${CLI_USAGE}\n`);
	else if (command.kind === 'version') process.stdout.write(`${packageVersion()}\n`);
	else serve(command).catch(fail);
}

main();

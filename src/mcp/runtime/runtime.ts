import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { metrics } from '@opentelemetry/api';
import {
	AgentRegistry,
	createEndpointPolicy,
	createRateLimiter,
	RequestAbortedError,
} from '../../http/index.js';
import {
	createHttpMetrics,
	createLogFn,
	createToolMetrics,
	type ToolMetrics,
} from '../../telemetry/index.js';
import type { RuntimeDeps, ToolCallContext } from '../context/index.js';
import {
	CallSlots,
	type IntegrationsRuntimeOptions,
	resolveRuntimeOptions,
} from '../context/index.js';
import { CredentialVault } from '../credentials/index.js';
import {
	createIntegration,
	executeIntegration,
	listIntegrations,
	monitorIntegration,
	testIntegration,
} from '../handlers/index.js';
import { createCallMonitor } from '../monitor/index.js';
import { RuntimeClosedError, UnknownToolError } from '../runtime-errors.js';
import type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestIntegrationResult,
} from '../schemas/index.js';
import { createMemoryIntegrationStore, createStorageQuota } from '../store/index.js';

/** Names of the five tools, in upstream order. */
export const INTEGRATIONS_TOOL_NAMES = Object.freeze([
	'create_integration',
	'test_integration',
	'execute_integration',
	'list_integrations',
	'monitor_integration',
] as const);

export type IntegrationsToolName = (typeof INTEGRATIONS_TOOL_NAMES)[number];

/** Runs the five tools. Inputs are validated (upstream schemas); failures throw `IntegrationsError`s. */
export interface IntegrationsRuntime {
	createIntegration(input: unknown, context?: ToolCallContext): Promise<CreateIntegrationResult>;
	testIntegration(input: unknown, context?: ToolCallContext): Promise<TestIntegrationResult>;
	executeIntegration(input: unknown, context?: ToolCallContext): Promise<ExecuteIntegrationResult>;
	listIntegrations(input: unknown, context?: ToolCallContext): Promise<ListIntegrationsResult>;
	monitorIntegration(input: unknown, context?: ToolCallContext): Promise<MonitorIntegrationResult>;
	/** Calls a tool by name (same as the matching method). */
	callTool(name: IntegrationsToolName, input: unknown, context?: ToolCallContext): Promise<unknown>;
	/** True once `close()` was called. */
	readonly closed: boolean;
	/** Aborts in-flight calls, rejects new ones, closes every pooled connection. Runs once. */
	close(): Promise<void>;
}

type Handler = (deps: RuntimeDeps, input: unknown, context: ToolCallContext) => Promise<unknown>;

const HANDLERS: Readonly<Record<IntegrationsToolName, Handler>> = {
	create_integration: createIntegration,
	test_integration: testIntegration,
	execute_integration: executeIntegration,
	list_integrations: listIntegrations,
	monitor_integration: monitorIntegration,
};

/** Creates the runtime behind the five integration tools (see `IntegrationsRuntimeOptions`). */
export function createIntegrationsRuntime(
	options: IntegrationsRuntimeOptions = {},
): IntegrationsRuntime {
	const closer = new AbortController();
	// Every call in flight listens to the close signal (bounded by maxConcurrency + maxPendingCalls).
	setMaxListeners(0, closer.signal);
	const deps = buildDeps(options, closer.signal);
	const toolMetrics = createToolMetrics(options.meterProvider ?? metrics.getMeterProvider());
	const call = (name: IntegrationsToolName, input: unknown, context: ToolCallContext = {}) => {
		if (closer.signal.aborted) return Promise.reject(new RuntimeClosedError());
		if (!Object.hasOwn(HANDLERS, name)) return Promise.reject(new UnknownToolError(name));
		return instrument(deps, toolMetrics, name, () => HANDLERS[name](deps, input, context));
	};
	let closing: Promise<void> | undefined;
	return {
		createIntegration: (input, context) =>
			call('create_integration', input, context) as Promise<CreateIntegrationResult>,
		testIntegration: (input, context) =>
			call('test_integration', input, context) as Promise<TestIntegrationResult>,
		executeIntegration: (input, context) =>
			call('execute_integration', input, context) as Promise<ExecuteIntegrationResult>,
		listIntegrations: (input, context) =>
			call('list_integrations', input, context) as Promise<ListIntegrationsResult>,
		monitorIntegration: (input, context) =>
			call('monitor_integration', input, context) as Promise<MonitorIntegrationResult>,
		callTool: call,
		get closed() {
			return closer.signal.aborted;
		},
		close() {
			closing ??= closeRuntime(deps, closer);
			return closing;
		},
	};
}

function buildDeps(options: IntegrationsRuntimeOptions, closeSignal: AbortSignal): RuntimeDeps {
	const resolved = resolveRuntimeOptions(options);
	const policy = createEndpointPolicy(options.endpointPolicy);
	const monotonicNow = () => performance.now();
	return {
		options: resolved,
		store:
			options.store ?? createMemoryIntegrationStore({ maxIntegrations: resolved.maxIntegrations }),
		vault: new CredentialVault(),
		policy,
		agents: new AgentRegistry(resolved.http, policy),
		executor: {
			rateLimiter: createRateLimiter(resolved.rateLimit, monotonicNow),
			metrics: createHttpMetrics(options.meterProvider ?? metrics.getMeterProvider()),
			maxResponseBytes: resolved.maxResponseBytes,
			maxBackoffMillis: resolved.maxBackoffMillis,
			maxRetryAfterMillis: resolved.maxRetryAfterMillis,
			random: resolved.random,
			monotonicNow,
			wallNow: resolved.now,
		},
		monitor: createCallMonitor({
			windowSize: resolved.monitorWindowSize,
			cacheTtlMillis: resolved.monitorCacheTtlMillis,
			maxCacheEntries: 10_000,
			now: resolved.now,
		}),
		slots: new CallSlots(resolved),
		quota: createStorageQuota(resolved),
		closeSignal,
		log: createLogFn(options.logger),
		events: options.events,
		monotonicNow,
	};
}

async function instrument<T>(
	deps: RuntimeDeps,
	toolMetrics: ToolMetrics,
	tool: IntegrationsToolName,
	run: () => Promise<T>,
): Promise<T> {
	const startedAt = deps.monotonicNow();
	const seconds = () => (deps.monotonicNow() - startedAt) / 1000;
	try {
		const result = await run();
		toolMetrics.recordCall(tool, 'success', seconds());
		return result;
	} catch (error) {
		const cancelled = error instanceof RequestAbortedError;
		toolMetrics.recordCall(tool, cancelled ? 'cancelled' : 'error', seconds());
		deps.log('debug', 'tool call failed', { tool, code: errorCode(error) });
		throw error;
	}
}

function errorCode(error: unknown): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	return typeof code === 'string' ? code : 'ERR_INTERNAL';
}

async function closeRuntime(deps: RuntimeDeps, closer: AbortController): Promise<void> {
	closer.abort(new RuntimeClosedError());
	await deps.agents.close();
	deps.vault.clear();
	deps.log('info', 'integrations runtime closed', {});
}

import type { AgentRegistry } from '../../http/agent-registry.js';
import type { EndpointPolicy } from '../../http/endpoint/endpoint-policy.js';
import type { RequestExecutorDeps } from '../../http/request-executor.js';
import type { LogFn } from '../../telemetry/logger.js';
import type { CallSlots } from './call-slots.js';
import type { CredentialVault } from '../credentials/credential-vault.js';
import type { CallMonitor } from '../monitor/call-monitor.js';
import type { ApiCallEventSink, ResolvedRuntimeOptions } from './runtime-options.js';
import type { IntegrationStore } from '../store/integration-store.js';
import type { StorageQuota } from '../store/storage-quota.js';

/** Everything the tool handlers share, built once by `createIntegrationsRuntime`. */
export interface RuntimeDeps {
	readonly options: ResolvedRuntimeOptions;
	readonly store: IntegrationStore;
	readonly vault: CredentialVault;
	readonly policy: EndpointPolicy;
	readonly agents: AgentRegistry;
	readonly executor: RequestExecutorDeps;
	readonly monitor: CallMonitor;
	/** Concurrency slots of outbound calls (test + execute), fair between tenants. */
	readonly slots: CallSlots;
	/** Bytes held for integrations, per tenant and in all. */
	readonly quota: StorageQuota;
	/** Aborts (reason `RuntimeClosedError`) when the runtime closes. */
	readonly closeSignal: AbortSignal;
	readonly log: LogFn;
	readonly events: ApiCallEventSink | undefined;
	/** Monotonic clock in milliseconds. */
	readonly monotonicNow: () => number;
}

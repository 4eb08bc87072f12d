import type { AgentRegistry, EndpointPolicy, RequestExecutorDeps } from '../../http/index.js';
import type { LogFn } from '../../telemetry/index.js';
import type { CredentialVault } from '../credentials/index.js';
import type { CallMonitor } from '../monitor/index.js';
import type { IntegrationStore, StorageQuota } from '../store/index.js';
import type { CallSlots } from './call-slots.js';
import type { ApiCallEventSink, ResolvedRuntimeOptions } from './runtime-options.js';

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

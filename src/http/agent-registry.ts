import { Agent } from 'undici';
import type { EndpointPolicy } from './endpoint-policy.js';
import { createGuardedLookup, type LookupFunction } from './guarded-lookup.js';

/** Options of the pooled HTTP clients (one undici `Agent` per tenant and credential set). */
export interface HttpPoolOptions {
	/**
	 * Maximum sockets per origin in one agent.
	 * @default 16
	 */
	connectionsPerOrigin?: number;
	/**
	 * How long an idle keep-alive socket stays open, in milliseconds (a server's keep-alive hint
	 * may lower it).
	 * @default 4000
	 */
	keepAliveTimeoutMillis?: number;
	/**
	 * Upper bound for a server's keep-alive hint, in milliseconds.
	 * @default 600000
	 */
	keepAliveMaxTimeoutMillis?: number;
	/**
	 * TCP/TLS connect timeout, in milliseconds.
	 * @default 10000
	 */
	connectTimeoutMillis?: number;
	/**
	 * Maximum agents kept (tenant × credential set); the least recently used one is closed beyond it.
	 * @default 256
	 */
	maxAgents?: number;
	/**
	 * The resolver used when connecting (every resolved address is checked by the endpoint policy).
	 * @default dns.lookup
	 */
	resolve?: LookupFunction;
}

export type ResolvedHttpPoolOptions = Required<Omit<HttpPoolOptions, 'resolve'>> &
	Pick<HttpPoolOptions, 'resolve'>;

export const HTTP_POOL_DEFAULTS = Object.freeze({
	connectionsPerOrigin: 16,
	keepAliveTimeoutMillis: 4_000,
	keepAliveMaxTimeoutMillis: 600_000,
	connectTimeoutMillis: 10_000,
	maxAgents: 256,
});

/**
 * Keeps one keep-alive undici `Agent` per (tenant, credential-set hash): connections are reused
 * within a tenant's credential set and never shared across tenants or credential sets.
 */
export class AgentRegistry {
	readonly #options: ResolvedHttpPoolOptions;
	readonly #lookup: LookupFunction;
	readonly #agents = new Map<string, Agent>();
	#closed = false;

	constructor(options: ResolvedHttpPoolOptions, policy: EndpointPolicy) {
		this.#options = options;
		this.#lookup = createGuardedLookup(policy, options.resolve);
	}

	/** Number of live agents. */
	get size(): number {
		return this.#agents.size;
	}

	/** The agent of a tenant's credential set, created on first use (most recently used last). */
	get(tenantId: string, credentialKey: string): Agent {
		if (this.#closed) throw new Error('AgentRegistry is closed');
		const key = `${tenantId}\u0000${credentialKey}`;
		let agent = this.#agents.get(key);
		if (agent) {
			this.#agents.delete(key);
		} else {
			agent = this.#create();
			this.#evictBeyond(this.#options.maxAgents - 1);
		}
		this.#agents.set(key, agent);
		return agent;
	}

	/** Closes every agent (in-flight requests finish first). Runs once. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const agents = [...this.#agents.values()];
		this.#agents.clear();
		await Promise.allSettled(agents.map((agent) => agent.close()));
	}

	#create(): Agent {
		const o = this.#options;
		return new Agent({
			connections: o.connectionsPerOrigin,
			keepAliveTimeout: o.keepAliveTimeoutMillis,
			keepAliveMaxTimeout: o.keepAliveMaxTimeoutMillis,
			connect: { timeout: o.connectTimeoutMillis, lookup: this.#lookup },
		});
	}

	#evictBeyond(max: number): void {
		for (const [key, agent] of this.#agents) {
			if (this.#agents.size <= max) return;
			this.#agents.delete(key);
			agent.close().catch(() => {});
		}
	}
}

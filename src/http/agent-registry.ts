import { Agent } from 'undici';
import type { EndpointPolicy } from './endpoint/index.js';
import { createGuardedLookup, type LookupFunction } from './endpoint/index.js';

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
	 * Maximum agents kept (tenant × credential set). Beyond it the least recently used idle agent is
	 * closed, the caller's own tenant's first; an agent in use by a call (retries included) is
	 * never closed, so the count may exceed this by the calls in flight until they settle.
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

/** A pooled agent held by one call; `release()` once the call has settled (retries included). */
export interface AgentLease {
	readonly dispatcher: Agent;
	release(): void;
}

interface PooledAgent {
	readonly agent: Agent;
	readonly tenantId: string;
	/** Calls holding the agent: it is never evicted while this is above 0. */
	leases: number;
}

/**
 * Keeps one keep-alive undici `Agent` per (tenant, credential-set hash): connections are reused
 * within a tenant's credential set and never shared across tenants or credential sets. Eviction
 * closes only idle agents, so no tenant can close a pool another call is using.
 */
export class AgentRegistry {
	readonly #options: ResolvedHttpPoolOptions;
	readonly #lookup: LookupFunction;
	readonly #agents = new Map<string, PooledAgent>();
	#closed = false;

	constructor(options: ResolvedHttpPoolOptions, policy: EndpointPolicy) {
		this.#options = options;
		this.#lookup = createGuardedLookup(policy, options.resolve);
	}

	/** Number of live agents. */
	get size(): number {
		return this.#agents.size;
	}

	/** Holds the agent of a tenant's credential set for one call, creating it on first use. */
	lease(tenantId: string, credentialKey: string): AgentLease {
		if (this.#closed) throw new Error('AgentRegistry is closed');
		const key = `${tenantId}\u0000${credentialKey}`;
		let pooled = this.#agents.get(key);
		if (pooled) {
			this.#agents.delete(key);
		} else {
			this.#evictIdle(tenantId, this.#options.maxAgents - 1);
			pooled = { agent: this.#create(), tenantId, leases: 0 };
		}
		this.#agents.set(key, pooled); // most recently used last
		pooled.leases++;
		let released = false;
		return {
			dispatcher: pooled.agent,
			release: () => {
				if (released) return;
				released = true;
				pooled.leases--;
				if (!this.#closed) this.#evictIdle(tenantId, this.#options.maxAgents);
			},
		};
	}

	/** Closes every agent (in-flight requests finish first). Runs once. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const agents = [...this.#agents.values()].map((pooled) => pooled.agent);
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

	/** Closes least recently used idle agents, `tenantId`'s first, until at most `max` remain. */
	#evictIdle(tenantId: string, max: number): void {
		while (this.#agents.size > max) {
			const victim = this.#oldestIdle(tenantId) ?? this.#oldestIdle(undefined);
			if (!victim) return; // every agent is in use: they are evicted once released
			this.#agents.delete(victim[0]);
			victim[1].agent.close().catch(() => {});
		}
	}

	#oldestIdle(tenantId: string | undefined): [string, PooledAgent] | undefined {
		for (const entry of this.#agents) {
			const pooled = entry[1];
			if (pooled.leases === 0 && (tenantId === undefined || pooled.tenantId === tenantId)) {
				return entry;
			}
		}
		return undefined;
	}
}

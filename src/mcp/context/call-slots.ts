import { OverloadedError } from '../runtime-errors.js';

/** Bounds of the outbound-call slots (resolved `IntegrationsRuntimeOptions`). */
export interface CallSlotLimits {
	readonly maxConcurrency: number;
	readonly maxConcurrencyPerTenant: number;
	readonly maxPendingCalls: number;
	readonly maxPendingCallsPerTenant: number;
}

/** Gives the slot back; call it once the call has settled (extra calls are ignored). */
export type ReleaseSlot = () => void;

interface TenantSlots {
	readonly id: string;
	active: number;
	/** Grants of the waiting calls in arrival order; a Set drops an aborted one in O(1). */
	readonly waiting: Set<() => void>;
}

/**
 * Concurrency slots of outbound calls, shared fairly between tenants: at most `maxConcurrency`
 * calls run, at most `maxConcurrencyPerTenant` of one tenant, so a tenant stalled on a dead host
 * leaves the other slots to the others. A freed slot goes to the next tenant in turn (round robin)
 * that is under its own bound. Waiting is bounded per tenant and in all.
 */
export class CallSlots {
	readonly #limits: CallSlotLimits;
	readonly #tenants = new Map<string, TenantSlots>();
	/** Tenants with waiting calls, in turn order (the one served last moves to the end). */
	readonly #turn = new Set<TenantSlots>();
	#active = 0;
	#pending = 0;

	constructor(limits: CallSlotLimits) {
		this.#limits = limits;
	}

	/**
	 * Resolves once the call may run. Rejects with `OverloadedError` at once when the tenant's or the
	 * runtime's wait queue is full, and with `signal.reason` as soon as the signal aborts while
	 * waiting (the call's deadline, its cancellation or `close()`), leaving the queue.
	 */
	acquire(tenantId: string, signal: AbortSignal): Promise<ReleaseSlot> {
		if (signal.aborted) return Promise.reject(signal.reason);
		const tenant = this.#tenantOf(tenantId);
		if (this.#canStart(tenant)) return Promise.resolve(this.#start(tenant));
		const overloaded = this.#overloaded(tenant);
		if (overloaded) {
			this.#forget(tenant);
			return Promise.reject(overloaded);
		}
		return new Promise<ReleaseSlot>((resolve, reject) => {
			const grant = () => {
				signal.removeEventListener('abort', onAbort);
				resolve(this.#start(tenant));
			};
			const onAbort = () => {
				if (!this.#leave(tenant, grant)) return;
				this.#forget(tenant);
				reject(signal.reason);
			};
			tenant.waiting.add(grant);
			this.#pending++;
			this.#turn.add(tenant);
			signal.addEventListener('abort', onAbort, { once: true });
		});
	}

	#tenantOf(id: string): TenantSlots {
		let tenant = this.#tenants.get(id);
		if (!tenant) {
			tenant = { id, active: 0, waiting: new Set() };
			this.#tenants.set(id, tenant);
		}
		return tenant;
	}

	#canStart(tenant: TenantSlots): boolean {
		return (
			this.#active < this.#limits.maxConcurrency &&
			tenant.active < this.#limits.maxConcurrencyPerTenant
		);
	}

	#overloaded(tenant: TenantSlots): OverloadedError | undefined {
		const { maxPendingCalls, maxPendingCallsPerTenant } = this.#limits;
		if (this.#pending >= maxPendingCalls) return new OverloadedError(maxPendingCalls, 'runtime');
		if (tenant.waiting.size >= maxPendingCallsPerTenant) {
			return new OverloadedError(maxPendingCallsPerTenant, 'tenant');
		}
		return undefined;
	}

	#start(tenant: TenantSlots): ReleaseSlot {
		this.#active++;
		tenant.active++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#active--;
			tenant.active--;
			this.#forget(tenant);
			this.#dispatch();
		};
	}

	/** Removes a waiting call (false when it was already granted); the tenant leaves the turn if done. */
	#leave(tenant: TenantSlots, grant: () => void): boolean {
		if (!tenant.waiting.delete(grant)) return false;
		this.#pending--;
		this.#turn.delete(tenant);
		if (tenant.waiting.size > 0) this.#turn.add(tenant); // to the end of the turn
		return true;
	}

	/** Hands free slots to waiting calls, one per tenant in turn. */
	#dispatch(): void {
		for (const tenant of this.#turn) {
			if (this.#active >= this.#limits.maxConcurrency) return;
			if (tenant.active >= this.#limits.maxConcurrencyPerTenant) continue;
			const [grant] = tenant.waiting;
			if (grant && this.#leave(tenant, grant)) grant();
		}
	}

	#forget(tenant: TenantSlots): void {
		if (tenant.active === 0 && tenant.waiting.size === 0) this.#tenants.delete(tenant.id);
	}
}

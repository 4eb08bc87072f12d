/** A progress report of a running tool call (`progress` increases; `total` is set on the last one). */
export interface ToolProgress {
	readonly progress: number;
	readonly total?: number;
	readonly message: string;
}

/** Per-call context of a runtime handler. */
export interface ToolCallContext {
	/** Tenant owning the integrations; isolates stores, pools and listings. @default the runtime's `defaultTenantId` */
	readonly tenantId?: string;
	/** Cancels the call (outbound requests are aborted). */
	readonly signal?: AbortSignal;
	/** Receives progress of `execute_integration` and `test_integration`. */
	readonly onProgress?: (progress: ToolProgress) => void;
}

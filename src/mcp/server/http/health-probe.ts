import { createEpisode, type LogFn } from '../../../telemetry/index.js';
import type { IntegrationStore } from '../../store/index.js';

/** Whether the store answers: its `ping()` resolves within `timeoutMillis` (no `ping`: always). */
export function createHealthProbe(
	store: Pick<IntegrationStore, 'ping'> | undefined,
	timeoutMillis: number,
	log: LogFn,
): () => Promise<boolean> {
	const ping = store?.ping;
	if (typeof ping !== 'function') return () => Promise.resolve(true);
	// Probes come every few seconds: an outage is logged once when it starts and once when it ends.
	const outage = createEpisode(log, 'warn', 'health check failed: store unreachable');
	return async () => {
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`store ping took over ${timeoutMillis} ms`)),
				timeoutMillis,
			);
			timer.unref();
		});
		try {
			await Promise.race([ping.call(store), deadline]);
			outage.end();
			return true;
		} catch (error) {
			// Only the log gets the reason: /healthz answers stay free of addresses and credentials.
			outage.start({ error: messageOf(error) });
			return false;
		} finally {
			clearTimeout(timer);
		}
	};
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

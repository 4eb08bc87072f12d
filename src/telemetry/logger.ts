import { trace } from '@opentelemetry/api';

/** A log level, as in the Cortex-OS log schema. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The logger this library writes to: a pino-compatible subset (`logger.warn(obj, msg)`), so a pino
 * logger can be passed as is. Default: silent.
 */
export interface IntegrationsLogger {
	error(obj: Record<string, unknown>, msg: string): void;
	warn(obj: Record<string, unknown>, msg: string): void;
	info(obj: Record<string, unknown>, msg: string): void;
	debug(obj: Record<string, unknown>, msg: string): void;
}

const noop = (): void => {};

/** The default logger: writes nothing. */
export const silentLogger: IntegrationsLogger = Object.freeze({
	error: noop,
	warn: noop,
	info: noop,
	debug: noop,
});

/** Writes one structured record with the Cortex-OS fields (`brand`, `component`, `trace_id`). */
export type LogFn = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** Wraps a logger so every record carries brand, component and the active trace id. */
export function createLogFn(logger: IntegrationsLogger = silentLogger): LogFn {
	if (logger === silentLogger) return noop;
	return (level, msg, fields) => {
		const record: Record<string, unknown> = { brand: 'brAInwav', component: 'integrations' };
		const spanContext = trace.getActiveSpan()?.spanContext();
		if (spanContext) record.trace_id = spanContext.traceId;
		if (fields) Object.assign(record, fields);
		try {
			logger[level](record, msg);
		} catch {
			// A failing logger must never break the data path.
		}
	};
}

/**
 * Logs a condition once per episode: `start` logs the first time it is called after an `end` (or
 * ever), counting the occurrences in between; `end` closes the episode with the total.
 */
export function createEpisode(log: LogFn, level: LogLevel, msg: string) {
	let count = 0;
	return {
		start(fields?: Record<string, unknown>): void {
			count++;
			if (count === 1) log(level, msg, { ...fields, episode: 'start' });
		},
		end(fields?: Record<string, unknown>): void {
			if (count === 0) return;
			log('info', `${msg} (episode ended)`, { ...fields, episode: 'end', occurrences: count });
			count = 0;
		},
		get active(): boolean {
			return count > 0;
		},
	};
}

import type { IntegrationsLogger } from '../../src/index.js';

/** One call of a {@link recordingLogger}'s logger. */
export interface LogLine {
	readonly level: string;
	readonly msg: string;
	readonly fields: Record<string, unknown>;
}

/** A logger that keeps every line it is given, in order, at every level. */
export function recordingLogger(): {
	readonly logger: IntegrationsLogger;
	readonly lines: LogLine[];
} {
	const lines: LogLine[] = [];
	const at = (level: string) => (fields: Record<string, unknown>, msg: string) =>
		lines.push({ level, msg, fields });
	const logger: IntegrationsLogger = {
		error: at('error'),
		warn: at('warn'),
		info: at('info'),
		debug: at('debug'),
	};
	return { logger, lines };
}

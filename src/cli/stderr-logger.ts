import type { IntegrationsLogger, LogLevel } from '../telemetry/index.js';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * A JSON-lines logger writing to a stream (stderr for the CLI: stdout is the MCP channel). Records
 * below `level` are dropped; `silent` writes nothing.
 */
export function createStreamLogger(
	level: LogLevel | 'silent',
	stream: { write(text: string): unknown } = process.stderr,
): IntegrationsLogger {
	const threshold = level === 'silent' ? -1 : RANK[level];
	const write = (recordLevel: LogLevel) => (obj: Record<string, unknown>, msg: string) => {
		if (RANK[recordLevel] > threshold) return;
		stream.write(
			`${JSON.stringify({ level: recordLevel, time: new Date().toISOString(), ...obj, msg })}\n`,
		);
	};
	return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

// The `cortex-integrations` bin: `cli.ts` is its entry (tsup entry `cli`, run as a process; it loads
// the MCP parts on demand). This entry is the bin's configuration, for whoever checks it without
// running the bin.
export type { CliCommand, CliHttpOptions } from './cli-config.js';
export { CLI_USAGE, parseCliConfig } from './cli-config.js';

// Cached monitoring: per-integration call windows.
// Entry of src/mcp/monitor/: what the rest of the package takes from it.

export type { CallMonitor, MonitorMetric } from './call-monitor.js';
export { createCallMonitor } from './call-monitor.js';

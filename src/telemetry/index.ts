// Metrics (through @opentelemetry/api only) and the logger interface.
// Entry of src/telemetry/: what the rest of the package takes from it.

export type { HttpMetrics } from './http-metrics.js';
export { createHttpMetrics } from './http-metrics.js';
export { ALLOWED_ATTRIBUTE_KEYS, INSTRUMENTS, METER_NAME } from './instruments.js';
export type { IntegrationsLogger, LogFn, LogLevel } from './logger.js';
export { createEpisode, createLogFn, silentLogger } from './logger.js';
export type { PublisherMetrics } from './publisher-metrics.js';
export { createPublisherMetrics } from './publisher-metrics.js';
export type { ToolMetrics } from './tool-metrics.js';
export { createToolMetrics } from './tool-metrics.js';

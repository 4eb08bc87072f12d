// Measurements of the demo: main-thread CPU time, event-loop delay, latency percentiles. They live
// in bench/lib/measure.mjs, shared with the benchmarks.
export { mainThreadCpuNanos, percentiles, startLoopDelay } from '../../bench/lib/measure.mjs';

// Stage 2, the queue: bounded columns per priority, the ring queue, the drain schedule, body slabs.
// Entry of src/dispatch/queue/: what the rest of the package takes from it.

export type { Slab } from './body-arena.js';
export { BodyArena, CapturedBody } from './body-arena.js';
export { DrainScheduler } from './drain-scheduler.js';
export { EventQueue } from './event-queue.js';
export { RingQueue } from './ring-queue.js';

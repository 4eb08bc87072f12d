// The time an event is offered, read cheaply: `performance.now()` costs ~50 ns, as much as the rest
// of `emit`. Consecutive events of one synchronous stretch share a reading for up to 64 events
// (tens of microseconds), and a reading never outlives the current task: the cache is dropped on
// the next microtask, so an event offered later never gets an old time.

const EVENTS_PER_READING = 64;

let reading = 0;
let left = 0;
let dropQueued = false;

const drop = (): void => {
	left = 0;
	dropQueued = false;
};

/** `performance.now()`, give or take the time it took to offer up to 63 events. */
export function offerTime(): number {
	if (left > 0) {
		left--;
		return reading;
	}
	reading = performance.now();
	left = EVENTS_PER_READING - 1;
	if (!dropQueued) {
		dropQueued = true;
		queueMicrotask(drop);
	}
	return reading;
}

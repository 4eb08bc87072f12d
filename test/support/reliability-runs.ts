// The property tests take RELIABILITY_RUNS runs (each file its share of them). A fixed timeout
// would cut a large count short (100,000 runs once timed out at 240 s), so each property's timeout
// grows with its runs: a large count makes the suite longer, never fail for lack of time.

/** Slack over the measured time per run: slower machines, and a loaded one. */
const SLACK = 4;

/**
 * The timeout of a property test making `runs` runs that took about `millisPerRun` each on the
 * 2-core VM: `SLACK` times that, never less than `floorMillis` (its timeout at the default runs).
 */
export function timeoutForRuns(runs: number, millisPerRun: number, floorMillis: number): number {
	return Math.max(floorMillis, Math.ceil(runs * millisPerRun * SLACK));
}

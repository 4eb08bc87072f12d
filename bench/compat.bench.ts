// Question 1: the compat helpers `createIntegrationsEvent.*` against upstream (zod 3 `.parse`),
// on 1,000 varied events per iteration, all valid and with 1 % invalid (thrown, caught).
import { bench, describe } from 'vitest';
import { createIntegrationsEvent } from '../dist/index.js';
import { createIntegrationsEvent as upstream } from './baseline/upstream-integrations.js';
import { eventMix, type MixedEvent } from './lib/event-mix.js';

type Helpers = Record<string, (data: never) => unknown>;

function runAll(helpers: Helpers, events: readonly MixedEvent[]): number {
	let failures = 0;
	for (const event of events) {
		try {
			helpers[event.kind]!(event.data as never);
		} catch {
			failures++;
		}
	}
	return failures;
}

const options = { time: Number(process.env.BENCH_TIME_MS ?? 1500), warmupTime: 300 };

for (const [label, share] of [
	['valid', 0],
	['1% invalid', 0.01],
] as const) {
	const events = eventMix(1000, share);
	describe(`compat helpers, 1,000 events, ${label}`, () => {
		bench(
			'baseline: upstream zod 3 parse',
			() => {
				runAll(upstream as Helpers, events);
			},
			options,
		);
		bench(
			'createIntegrationsEvent (zod 4)',
			() => {
				runAll(createIntegrationsEvent as Helpers, events);
			},
			options,
		);
	});
}

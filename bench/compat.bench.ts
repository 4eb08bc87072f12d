// Question 1: the compat helpers `createIntegrationsEvent.*` against upstream (zod 3 `.parse`),
// on 1,000 varied events per iteration, all valid and with 1 % invalid (thrown, caught), under both
// zod majors: the package as built (this repository's zod 4) and the same build with zod 3.25.76
// installed, as Cortex-OS has it (bench/lib/zod3-dist.mjs). The fast path does not depend on the
// judge; an invalid event costs what the caller's zod costs to throw.
import { bench, describe } from 'vitest';
import { createIntegrationsEvent } from '../dist/index.js';
import { createIntegrationsEvent as upstream } from './baseline/upstream-integrations.js';
import { eventMix, type MixedEvent } from './lib/event-mix.js';
// @ts-expect-error: a plain .mjs helper of the bench, without declarations
import { zod3DistUrl } from './lib/zod3-dist.mjs';

const onZod3 = (await import(zod3DistUrl() as string)) as {
	createIntegrationsEvent: typeof createIntegrationsEvent;
};

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
		bench(
			'createIntegrationsEvent (zod 3.25.76 installed)',
			() => {
				runAll(onZod3.createIntegrationsEvent as Helpers, events);
			},
			options,
		);
	});
}

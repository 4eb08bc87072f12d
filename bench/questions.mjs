// The benchmark questions, in report order. Each is a vitest bench file (groups of benchmarks, one
// named "baseline: ..." per group) or a script printing `{ rows: [{ name, unit, samples }] }` as its
// last stdout line. `targets(data)` returns the claims the report checks: `{ claim, target, value, met }`.
import { groupRatio, median, rowMedian } from './lib/stats.mjs';

export const QUESTIONS = [
	{
		id: 'compat',
		title: '1. Compat helpers vs upstream (zod 3 parse)',
		kind: 'vitest',
		file: 'bench/compat.bench.ts',
		eventsPerIteration: 1000,
		targets: (data) => [
			{
				claim: 'compat helpers, valid events: ≥ 10× upstream',
				target: 10,
				value: groupRatio(data, 'valid', 'createIntegrationsEvent'),
				unit: '×',
			},
			{
				claim: 'compat helpers, 1 % invalid (thrown ZodError): ≥ 10× upstream',
				target: 10,
				value: groupRatio(data, '1% invalid', 'createIntegrationsEvent'),
				unit: '×',
			},
		],
	},
	{
		id: 'cold-import',
		title: '9a. Cold import of the core entry',
		kind: 'script',
		file: 'bench/cold-import.mjs',
		targets: (data) => [
			{
				claim: 'cold import, own code (peers loaded): ≤ 30 ms',
				target: 30,
				value: rowMedian(data, 'own code'),
				unit: 'ms',
				lowerIsBetter: true,
			},
			{
				claim: 'cold import incl. peers zod 4 + OTel API: ≤ 30 ms',
				target: 30,
				value: rowMedian(data, 'with its peers'),
				unit: 'ms',
				lowerIsBetter: true,
			},
		],
	},
];

export { median };

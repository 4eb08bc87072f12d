import { defineConfig } from 'vitest/config';

// Two projects: `zod4` runs every test with the repository's zod 4; `zod3` runs the tests of what a
// caller's zod judges (schemas, compat API, tool inputs) with `zod` resolved to zod 3.25.76, the
// version Cortex-OS pins (dev dependency `zod3`). The packed-tarball consumers in
// test/package/consumer-matrix.test.ts check the same from the outside.
const zod3Tests = [
	'test/events/integrations-events.test.ts',
	'test/events/contracts.test.ts',
	'test/mcp/schemas/tools.test.ts',
];

export default defineConfig({
	test: {
		environment: 'node',
		setupFiles: ['test/support/without-integrations-env.ts'],
		// Provides nats-server (apt-get) when missing: the NATS tests use a real one and never skip.
		globalSetup: ['scripts/ensure-nats-server.mjs'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		projects: [
			{
				extends: true,
				test: {
					name: 'zod4',
					include: ['test/**/*.test.ts'],
					typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
					// Benchmarks run here only: they load both majors themselves (bench/lib/zod3-dist.mjs).
					benchmark: { include: ['bench/**/*.bench.ts'] },
				},
			},
			{
				extends: true,
				test: { name: 'zod3', include: zod3Tests, benchmark: { include: [] } },
				resolve: { alias: [{ find: /^zod$/, replacement: 'zod3' }] },
			},
		],
	},
});

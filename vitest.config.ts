import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		environment: 'node',
		include: ['test/**/*.test.ts'],
		setupFiles: ['test/support/without-integrations-env.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
		benchmark: {
			include: ['bench/**/*.bench.ts'],
		},
	},
});

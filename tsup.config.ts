import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every entry lands flat in dist/ so the worker file sits next to the chunks that load it.
// Subpath entries are optional parts: the core entry never imports them.
const entries: Record<string, string> = {
	index: 'src/index.ts',
	'validation-worker': 'src/dispatch/validation/worker/validation-worker.ts',
	mcp: 'src/mcp/index.ts',
	nats: 'src/bus/nats/index.ts',
	a2a: 'src/bus/a2a/index.ts',
	cli: 'src/cli/cli.ts',
};

export default defineConfig({
	entry: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
	format: ['esm', 'cjs'],
	dts: true,
	sourcemap: true,
	clean: true,
	shims: true,
	splitting: true,
	target: 'node20',
	platform: 'node',
	treeshake: true,
	external: [/^@modelcontextprotocol\//, /^@nats-io\//, '@opentelemetry/api', 'zod'],
	// p-limit 7 is ESM-only: bundled so that `require()` works on every Node 20 the engines allow.
	noExternal: ['p-limit', 'yocto-queue'],
});

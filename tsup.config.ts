import { defineConfig } from 'tsup';

// Every entry lands flat in dist/ so the worker file sits next to the chunks that load it.
export default defineConfig({
	entry: {
		index: 'src/index.ts',
	},
	format: ['esm', 'cjs'],
	dts: true,
	sourcemap: true,
	clean: true,
	shims: true,
	splitting: true,
	target: 'node20',
	platform: 'node',
	treeshake: true,
});

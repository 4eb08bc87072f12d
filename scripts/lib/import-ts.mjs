// Imports a TypeScript module of this repository from a plain Node script: bundles it with esbuild
// (a dev dependency through tsup) into node_modules/.cache/import-ts/ and imports the bundle.
// Packages (zod, ...) stay external, so they resolve from this repository's node_modules.
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = `${root}node_modules/.cache/import-ts/`;

/** Imports `<repo>/<relPath>` (a .ts file), bundled to ESM afresh. */
export async function importTs(relPath) {
	const { build } = await import('esbuild');
	mkdirSync(outDir, { recursive: true });
	const out = `${outDir}${relPath.replaceAll('/', '__').replace(/\.ts$/, '')}.${process.pid}.mjs`;
	await build({
		entryPoints: [`${root}${relPath}`],
		outfile: out,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		logLevel: 'error',
	});
	return import(pathToFileURL(out).href);
}

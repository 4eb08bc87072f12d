// Loads a TypeScript module of bench/ (the baselines, the event mix) from a plain Node script:
// bundles it once with esbuild (a dev dependency through tsup) into node_modules/.cache/bench-ts/
// (outside the linted tree) and imports the bundle. Packages (zod, ...) stay external; the bundle
// is rebuilt when its source is newer.
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../../node_modules/.cache/bench-ts/', import.meta.url));

/** Imports `bench/<relPath>` (a .ts file), bundled to ESM. */
export async function importTs(relPath) {
	const source = `${benchDir}${relPath}`;
	const out = `${outDir}${relPath.replaceAll('/', '__').replace(/\.ts$/, '.mjs')}`;
	if (!isFresh(out, source)) await bundle(source, out);
	return import(pathToFileURL(out).href);
}

function isFresh(out, source) {
	try {
		return statSync(out).mtimeMs >= statSync(source).mtimeMs;
	} catch {
		return false;
	}
}

async function bundle(source, out) {
	const { build } = await import('esbuild');
	mkdirSync(outDir, { recursive: true });
	// Write then rename: parallel child processes may bundle the same file at once.
	const tmp = `${out}.${process.pid}.${basename(source)}.tmp.mjs`;
	await build({
		entryPoints: [source],
		outfile: tmp,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		logLevel: 'error',
	});
	renameSync(tmp, out);
}

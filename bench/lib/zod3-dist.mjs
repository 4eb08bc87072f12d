// The built package as a Cortex-OS caller runs it: a copy of dist/ whose `zod` imports resolve to
// zod 3.25.76 (the dev dependency `zod3`, the version Cortex-OS pins) instead of this repository's
// zod 4. Written to node_modules/.cache/dist-zod3/ (outside the linted tree), refreshed when dist/
// is newer. Only the module specifier changes; every byte of the package's own code is the same.
import {
	cpSync,
	existsSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}dist/`;
const out = `${root}node_modules/.cache/dist-zod3/`;
const ZOD_SPECIFIER = /(from\s*|import\(\s*|require\(\s*)(['"])zod\2/g;

/** Path of the zod-3 copy of `dist/<entry>` (e.g. 'index.js'), created or refreshed as needed. */
export function zod3Dist(entry = 'index.js') {
	if (!existsSync(`${dist}index.js`))
		throw new Error('dist/ is missing: run `npm run build` first');
	if (!isFresh()) {
		rmSync(out, { recursive: true, force: true });
		cpSync(dist, out, { recursive: true });
		for (const name of readdirSync(out)) {
			if (!/\.(c?js|d\.c?ts)$/.test(name)) continue;
			const text = readFileSync(`${out}${name}`, 'utf8');
			writeFileSync(`${out}${name}`, text.replace(ZOD_SPECIFIER, '$1$2zod3$2'));
		}
	}
	return `${out}${entry}`;
}

/** `zod3Dist(entry)` as a file URL, for `import()`. */
export const zod3DistUrl = (entry = 'index.js') => pathToFileURL(zod3Dist(entry)).href;

function isFresh() {
	try {
		return statSync(`${out}index.js`).mtimeMs >= statSync(`${dist}index.js`).mtimeMs;
	} catch {
		return false;
	}
}

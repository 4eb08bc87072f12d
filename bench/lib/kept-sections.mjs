// Sections of bench/RESULTS.md written by other scripts (the soak: `npm run soak -- --record`),
// which bench/run.mjs keeps when it regenerates the report. Each lies between
// `<!-- kept:NAME -->` and `<!-- /kept:NAME -->`, and is carried over unchanged.

// A block starts at the LAST opening marker before its closing one: a stray opening marker (an
// edit gone wrong) must not pull the report's own sections into a kept block.
const BLOCK = /<!-- kept:([\w-]+) -->(?:(?!<!-- kept:\1 -->)[\s\S])*?<!-- \/kept:\1 -->/g;

/** The kept blocks of a previous report, markers included, in their order. */
export function keptSections(text) {
	return text ? [...text.matchAll(BLOCK)].map((match) => match[0]) : [];
}

/** `text` with the kept block `name` set to `body`: replaced in place, or appended at the end. */
export function withKeptSection(text, name, body) {
	const block = `<!-- kept:${name} -->\n${body.trim()}\n<!-- /kept:${name} -->`;
	const open = `<!-- kept:${name} -->`;
	const pattern = new RegExp(`${open}(?:(?!${open})[\\s\\S])*?<!-- /kept:${name} -->`);
	if (pattern.test(text)) return text.replace(pattern, () => block);
	return `${text.trimEnd()}\n\n${block}\n`;
}

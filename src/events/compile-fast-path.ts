import type { EventField, EventFields } from './event-fields.js';

/**
 * A compiled fast path of an event payload: returns the parsed output (a fresh object, unknown keys
 * stripped, keys in field order) when `input` is certainly valid, or `undefined` when it is not sure.
 * `undefined` never means "invalid": the caller then runs the Zod schema itself, which produces the
 * verdict and the `ZodError`. So the fast path can only make accepting valid events cheaper; what is
 * accepted and rejected, and every error, stay the caller's zod's. It vouches only for inputs that
 * zod 3.25.76 and zod 4 both accept with the same output (a differential test checks both majors):
 * plain objects (zod 3 rejects a `Date` or `Map` that zod 4 takes as an object), safe integers
 * (zod 3 takes `2 ** 60` as an int, zod 4 does not).
 */
export type FastPath<T> = (input: unknown) => T | undefined;

/** A fast path that is never sure: Zod decides every input. */
export const neverSure: FastPath<never> = () => undefined;

/** Compiles the fast path of `fields`; `neverSure` where code generation is disallowed. */
export function compileFastPath<T>(fields: EventFields): FastPath<T> {
	const lines: string[] = [
		"if (typeof input !== 'object' || input === null) return undefined;",
		'const proto = Object.getPrototypeOf(input);',
		'if (proto !== Object.prototype && proto !== null) return undefined;',
		'const out = {};',
	];
	let index = 0;
	for (const [key, field] of Object.entries(fields)) {
		lines.push(fieldCode(key, field, `v${index++}`));
	}
	lines.push('return out;');
	try {
		return new Function('input', lines.join('\n')) as FastPath<T>;
	} catch {
		return neverSure; // e.g. code generation disallowed (--disallow-code-generation-from-strings)
	}
}

function fieldCode(key: string, field: EventField, name: string): string {
	const k = JSON.stringify(key);
	const test = testCode(field, name);
	const read = `const ${name} = input[${k}];`;
	if (!field.optional) return `${read} if (!(${test})) return undefined; out[${k}] = ${name};`;
	// An optional key present with `undefined` is left to Zod, so output shapes always match.
	return `${read} if (${name} === undefined) { if (${k} in input) return undefined; } else if (!(${test})) return undefined; else out[${k}] = ${name};`;
}

function testCode(field: EventField, name: string): string {
	switch (field.kind) {
		case 'string':
			return `typeof ${name} === 'string'`;
		case 'boolean':
			return `typeof ${name} === 'boolean'`;
		case 'enum':
			return field.values.map((value) => `${name} === ${JSON.stringify(value)}`).join(' || ');
		case 'int':
			return `Number.isSafeInteger(${name}) && ${name} ${field.sign === 'positive' ? '>' : '>='} 0`;
	}
}

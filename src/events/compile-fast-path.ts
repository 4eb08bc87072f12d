import type { z } from 'zod/v4';

/**
 * A compiled fast path of a Zod object schema: returns the parsed output (a fresh object, unknown keys
 * stripped, keys in shape order) when `input` is certainly valid, or `undefined` when it is not sure.
 * `undefined` never means "invalid": the caller then runs the Zod schema itself, which produces the
 * verdict and the `ZodError`. So the fast path can only make accepting valid events cheaper; what is
 * accepted and rejected, and every error, stay Zod's (a differential test checks both agree).
 */
export type FastPath<T> = (input: unknown) => T | undefined;

interface ZodDef {
	type: string;
	shape?: Record<string, { _zod: { def: ZodDef } }>;
	innerType?: { _zod: { def: ZodDef } };
	entries?: Record<string, string | number>;
	checks?: ReadonlyArray<{ _zod: { def: CheckDef } }>;
	catchall?: unknown;
}

interface CheckDef {
	check: string;
	format?: string;
	value?: number;
	inclusive?: boolean;
}

const defOf = (schema: { _zod: { def: ZodDef } }): ZodDef => schema._zod.def;

/** Compiles a fast path for a flat `z.object` of strings, enums, numbers and booleans; else `null`. */
export function compileFastPath<S extends z.ZodType>(schema: S): FastPath<z.output<S>> | null {
	const def = defOf(schema as unknown as { _zod: { def: ZodDef } });
	if (def.type !== 'object' || !def.shape || def.catchall !== undefined) return null;
	const lines: string[] = [
		"if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;",
		'const out = {};',
	];
	let index = 0;
	for (const [key, field] of Object.entries(def.shape)) {
		const code = fieldCode(key, defOf(field), `v${index++}`);
		if (code === null) return null;
		lines.push(code);
	}
	lines.push('return out;');
	try {
		return new Function('input', lines.join('\n')) as FastPath<z.output<S>>;
	} catch {
		return null; // e.g. code generation disallowed: Zod alone does the work
	}
}

function fieldCode(key: string, def: ZodDef, name: string): string | null {
	const k = JSON.stringify(key);
	const optional = def.type === 'optional';
	const inner = optional && def.innerType ? defOf(def.innerType) : def;
	const test = testCode(inner, name);
	if (test === null) return null;
	const read = `const ${name} = input[${k}];`;
	if (!optional) return `${read} if (!(${test})) return undefined; out[${k}] = ${name};`;
	// An optional key present with `undefined` is left to Zod, so output shapes always match.
	return `${read} if (${name} === undefined) { if (${k} in input) return undefined; } else if (!(${test})) return undefined; else out[${k}] = ${name};`;
}

function testCode(def: ZodDef, name: string): string | null {
	const checks = (def.checks ?? []).map((check) => check._zod.def);
	switch (def.type) {
		case 'string':
			return checks.length === 0 ? `typeof ${name} === 'string'` : null;
		case 'boolean':
			return checks.length === 0 ? `typeof ${name} === 'boolean'` : null;
		case 'enum':
			return enumCode(def, name);
		case 'number':
			return numberCode(checks, name);
		default:
			return null;
	}
}

function enumCode(def: ZodDef, name: string): string | null {
	const values = Object.values(def.entries ?? {});
	if (values.length === 0 || values.some((value) => typeof value !== 'string')) return null;
	return values.map((value) => `${name} === ${JSON.stringify(value)}`).join(' || ');
}

function numberCode(checks: readonly CheckDef[], name: string): string | null {
	const parts = [`typeof ${name} === 'number'`, `Number.isFinite(${name})`];
	for (const check of checks) {
		if (check.check === 'number_format' && check.format === 'safeint') {
			parts.push(`Number.isSafeInteger(${name})`);
		} else if (check.check === 'greater_than' && Number.isFinite(check.value)) {
			parts.push(`${name} ${check.inclusive ? '>=' : '>'} ${check.value}`);
		} else if (check.check === 'less_than' && Number.isFinite(check.value)) {
			parts.push(`${name} ${check.inclusive ? '<=' : '<'} ${check.value}`);
		} else {
			return null;
		}
	}
	return parts.join(' && ');
}

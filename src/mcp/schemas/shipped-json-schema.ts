import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { JsonSchemaObject } from '../../common/index.js';

/** The JSON Schemas of one schema, generated at build time (draft 2020-12). */
export interface ShippedJsonSchemas {
	readonly input: JsonSchemaObject;
	readonly output: JsonSchemaObject;
}

type StandardResult<T> =
	| { value: T }
	| { issues: ReadonlyArray<{ message: string; path: PropertyKey[] }> };

/**
 * Presents a Zod schema to the MCP SDK as a Standard Schema whose JSON Schema is the one the package
 * ships (generated at build time from zod 4), never converted from the caller's zod at run time: a
 * caller on zod 3, which has no `~standard.jsonSchema`, lists the same tools as one on zod 4.
 * Validation is the caller's zod's own `safeParse`.
 */
export function withShippedJsonSchema<S extends z.ZodType>(
	schema: S,
	json: ShippedJsonSchemas,
): StandardSchemaWithJSON<z.input<S>, z.output<S>> {
	const input = deepFreeze(json.input);
	const output = deepFreeze(json.output);
	const validate = (value: unknown): StandardResult<z.output<S>> => {
		const result = schema.safeParse(value);
		if (result.success) return { value: result.data as z.output<S> };
		return {
			issues: result.error.issues.map((issue) => ({
				message: issue.message,
				path: issue.path as PropertyKey[],
			})),
		};
	};
	return {
		'~standard': {
			version: 1,
			vendor: 'zod',
			validate,
			jsonSchema: { input: () => input, output: () => output },
		},
	} as StandardSchemaWithJSON<z.input<S>, z.output<S>>;
}

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

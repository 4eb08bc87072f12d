import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod/v4';

type Props = StandardSchemaWithJSON['~standard'];
type Converter = Props['jsonSchema']['input'];

/**
 * Wraps a zod schema so its JSON Schema is built only when first asked for (the first `tools/list`)
 * and then reused; validation is zod's own. The SDK converts schemas on every listing otherwise.
 */
export function lazyJsonSchema<S extends z.ZodType>(
	schema: S,
): StandardSchemaWithJSON<z.input<S>, z.output<S>> {
	const standard = schema['~standard'] as unknown as StandardSchemaWithJSON<
		z.input<S>,
		z.output<S>
	>['~standard'];
	const memo = (io: 'input' | 'output'): Converter => {
		const byTarget = new Map<string, Record<string, unknown>>();
		return (options) => {
			let json = byTarget.get(options.target);
			if (!json) {
				json = Object.freeze(standard.jsonSchema[io](options)) as Record<string, unknown>;
				byTarget.set(options.target, json);
			}
			return json;
		};
	};
	return {
		'~standard': {
			version: 1,
			vendor: standard.vendor,
			validate: standard.validate,
			jsonSchema: { input: memo('input'), output: memo('output') },
		},
	};
}

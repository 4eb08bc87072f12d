import type { z as Zod } from 'zod';

/**
 * One description of an event payload's fields, from which both the Zod schema (built with the
 * caller's own `zod`, see {@link buildEventSchema}) and the compiled fast path (see
 * `compileFastPath`) are derived, so the two can never describe different payloads.
 * Only what upstream's four schemas use: strings, booleans, string enums and bounded integers,
 * each possibly optional.
 */
export type EventField =
	| { readonly kind: 'string'; readonly optional: boolean }
	| { readonly kind: 'boolean'; readonly optional: boolean }
	| {
			readonly kind: 'enum';
			readonly values: readonly [string, ...string[]];
			readonly optional: boolean;
	  }
	| { readonly kind: 'int'; readonly sign: 'nonnegative' | 'positive'; readonly optional: boolean };

/** The fields of one event payload, in upstream's key order (the output order). */
export type EventFields = Readonly<Record<string, EventField>>;

/** `z.string()` */
export const stringField = (): EventField => ({ kind: 'string', optional: false });
/** `z.boolean()` */
export const booleanField = (): EventField => ({ kind: 'boolean', optional: false });
/** `z.enum(values)` */
export const enumField = (values: readonly [string, ...string[]]): EventField => ({
	kind: 'enum',
	values,
	optional: false,
});
/** `z.number().int().nonnegative()` or `z.number().int().positive()` */
export const intField = (sign: 'nonnegative' | 'positive'): EventField => ({
	kind: 'int',
	sign,
	optional: false,
});
/** `field.optional()` */
export const optionalField = (field: EventField): EventField => ({ ...field, optional: true });

/** The part of the `z` namespace the builder uses: API that zod 3.25.76 and zod 4 share. */
export type SharedZod = Pick<typeof Zod, 'object' | 'string' | 'boolean' | 'enum' | 'number'>;

/**
 * Builds the Zod object schema of `fields` with the given `z`, exactly as upstream writes it
 * (`z.number().int().nonnegative()`, ...), so every verdict, issue and message is that zod's own.
 */
export function buildEventSchema(z: SharedZod, fields: EventFields): Zod.ZodType {
	const shape: Record<string, Zod.ZodType> = {};
	for (const [key, field] of Object.entries(fields)) shape[key] = buildField(z, field);
	return z.object(shape);
}

function buildField(z: SharedZod, field: EventField): Zod.ZodType {
	const base = baseField(z, field);
	return field.optional ? base.optional() : base;
}

function baseField(z: SharedZod, field: EventField): Zod.ZodType {
	switch (field.kind) {
		case 'string':
			return z.string();
		case 'boolean':
			return z.boolean();
		case 'enum':
			return z.enum(field.values as [string, ...string[]]);
		case 'int':
			return field.sign === 'positive'
				? z.number().int().positive()
				: z.number().int().nonnegative();
	}
}

import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/v4';
import { lazyJsonSchema } from '../../src/mcp/lazy-json-schema.js';

describe('lazyJsonSchema', () => {
	it('builds the JSON Schema on first request only, then reuses it', () => {
		const schema = z.object({ a: z.string().describe('the a'), n: z.number().default(3) });
		const spy = vi.spyOn(schema['~standard'].jsonSchema, 'input');
		const lazy = lazyJsonSchema(schema);
		expect(spy).not.toHaveBeenCalled();
		const first = lazy['~standard'].jsonSchema.input({ target: 'draft-2020-12' });
		const second = lazy['~standard'].jsonSchema.input({ target: 'draft-2020-12' });
		expect(spy).toHaveBeenCalledTimes(1);
		expect(second).toBe(first);
		expect(first).toMatchObject({ properties: { a: { description: 'the a' } }, required: ['a'] });
		expect(Object.isFrozen(first)).toBe(true);
	});

	it('validates exactly as the zod schema does', async () => {
		const lazy = lazyJsonSchema(z.object({ n: z.number().default(3) }));
		expect(await lazy['~standard'].validate({})).toEqual({ value: { n: 3 } });
		expect((await lazy['~standard'].validate({ n: 'x' })).issues?.length).toBe(1);
	});
});

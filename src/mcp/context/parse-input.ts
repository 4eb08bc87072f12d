import type { z } from 'zod';
import { InvalidInputError } from '../runtime-errors.js';

/** Parses a tool input; failures become `InvalidInputError` with paths and messages (no values). */
export function parseInput<S extends z.ZodType>(
	tool: string,
	schema: S,
	input: unknown,
): z.output<S> {
	const result = schema.safeParse(input ?? {});
	if (result.success) return result.data;
	throw new InvalidInputError(
		tool,
		result.error.issues.map((issue) => ({
			path: issue.path.map(String).join('.'),
			message: issue.message,
		})),
	);
}

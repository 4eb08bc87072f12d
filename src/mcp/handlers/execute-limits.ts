import type { InputIssue } from '../runtime-errors.js';

/** Documented bounds of `execute_integration` inputs (enforced by the runtime: `ERR_INVALID_INPUT`). */
export const EXECUTE_LIMITS = Object.freeze({
	/** Characters of `operation` (a method and a path with its query, or a name); results echo it. */
	maxOperationLength: 4096,
});

/** Checks the bounds; returns the issues found (empty when valid). Never echoes values. */
export function validateExecuteLimits(input: { readonly operation: string }): InputIssue[] {
	if (input.operation.length <= EXECUTE_LIMITS.maxOperationLength) return [];
	return [
		{
			path: 'operation',
			message: `must have at most ${EXECUTE_LIMITS.maxOperationLength} characters`,
		},
	];
}

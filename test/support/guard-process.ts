import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Records every uncaught exception and unhandled rejection while the calling test file runs, and
 * fails the file in `afterAll` if there was any. Call once at the top level of a test file.
 */
export function guardProcess(): { readonly failures: readonly unknown[] } {
	const failures: unknown[] = [];
	const onUncaught = (error: unknown) => failures.push(error);
	const onUnhandled = (reason: unknown) => failures.push(reason);
	beforeAll(() => {
		process.on('uncaughtException', onUncaught);
		process.on('unhandledRejection', onUnhandled);
	});
	afterAll(async () => {
		// Give late rejections of the last test a turn to surface.
		await new Promise((resolve) => setImmediate(resolve));
		process.off('uncaughtException', onUncaught);
		process.off('unhandledRejection', onUnhandled);
		expect(failures, 'uncaught exceptions / unhandled rejections').toEqual([]);
	});
	return { failures };
}

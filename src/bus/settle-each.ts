import type { BusItemFailure, PublishBatchResult } from './bus-adapter.js';

/**
 * Runs `run` for every item of a batch at once (callers bound concurrency inside `run`) and
 * resolves when all have settled: with nothing when all succeeded, else with the failed indexes in
 * ascending order and their errors. Never rejects; a synchronous throw is that item's failure.
 */
export function settleEach<T>(
	items: readonly T[],
	run: (item: T, index: number) => Promise<unknown>,
): Promise<PublishBatchResult> {
	return new Promise((resolve) => {
		let pending = items.length;
		let failed: BusItemFailure[] | undefined;
		if (pending === 0) return resolve(undefined);
		const settle = (): void => {
			if (--pending > 0) return;
			resolve(failed ? { failed: failed.sort((a, b) => a.index - b.index) } : undefined);
		};
		const fail = (index: number, error: unknown): void => {
			failed ??= [];
			failed.push({ index, error });
			settle();
		};
		for (let index = 0; index < items.length; index++) {
			let promise: Promise<unknown>;
			try {
				promise = run(items[index] as T, index);
			} catch (error) {
				fail(index, error);
				continue;
			}
			promise.then(settle, (error: unknown) => fail(index, error));
		}
	});
}

import { vi } from 'vitest';

// Waiting for a promise under fake timers: fake time advances `stepMillis` at a time, at most
// `maxSteps` times, until the promise settles, so a promise that never settles fails the test
// (the answer says it did not settle) instead of hanging it. Three answers, for three questions.

/** How a promise ended while fake time advanced: `done` once it fulfilled or rejected. */
export interface StepSettlement {
	readonly done: boolean;
	/** The rejection reason; `undefined` while pending or once fulfilled. */
	readonly failure: unknown;
}

type Outcome = { state: 'pending' | 'fulfilled' | 'rejected'; reason?: unknown };

async function stepUntilSettled(
	promise: Promise<unknown>,
	stepMillis: number,
	maxSteps: number,
): Promise<Outcome> {
	const outcome: Outcome = { state: 'pending' };
	promise.then(
		() => {
			outcome.state = 'fulfilled';
		},
		(reason: unknown) => {
			outcome.state = 'rejected';
			outcome.reason = reason;
		},
	);
	for (let i = 0; i < maxSteps && outcome.state === 'pending'; i++) {
		await vi.advanceTimersByTimeAsync(stepMillis);
	}
	return outcome;
}

/** Whether `promise` settled within the steps and, if it rejected, why. */
export async function settlementWithinSteps(
	promise: Promise<unknown>,
	stepMillis: number,
	maxSteps: number,
): Promise<StepSettlement> {
	const { state, reason } = await stepUntilSettled(promise, stepMillis, maxSteps);
	return { done: state !== 'pending', failure: reason };
}

/** `true` when `promise` fulfilled or rejected within the steps (a rejection counts as settled). */
export async function settlesWithinSteps(
	promise: Promise<unknown>,
	stepMillis: number,
	maxSteps: number,
): Promise<boolean> {
	return (await stepUntilSettled(promise, stepMillis, maxSteps)).state !== 'pending';
}

/** `true` only when `promise` fulfilled within the steps (a rejection is `false`). */
export async function fulfilsWithinSteps(
	promise: Promise<unknown>,
	stepMillis: number,
	maxSteps: number,
): Promise<boolean> {
	return (await stepUntilSettled(promise, stepMillis, maxSteps)).state === 'fulfilled';
}

import { describeValue } from './error-text.js';
import { InvalidOptionError } from './errors.js';

// The option checks of every component, with one wording: `<option>: expected <what>, got <value>`
// (`InvalidOptionError` prefixes the option). The `xxxOption` checkers take a fallback that an
// `undefined` value resolves to; the `checkXxx` ones require the value.

/** The one wording of a rejected option value; `got` is already rendered (e.g. `18 bytes`). */
export function expectedGot(expected: string, got: string): string {
	return `expected ${expected}, got ${got}`;
}

/** Throws `InvalidOptionError`: `<option>: expected <expected>, got <value, described>`. */
export function failOption(option: string, expected: string, value: unknown): never {
	throw new InvalidOptionError(option, expectedGot(expected, describeValue(value)));
}

/** Throws unless `value` is an object (arrays included, as `typeof` sees them). */
export function checkObject(option: string, value: unknown): void {
	if (value === null || typeof value !== 'object') failOption(option, 'an object', value);
}

/** Throws unless `value` is an object that is not an array. */
export function checkRecord(option: string, value: unknown): void {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		failOption(option, 'an object', value);
	}
}

/** `a positive integer`, `a non-negative integer`, `an integer >= 1000`, `an integer in 1..5`. */
export function integerRange(min: number, max = Number.MAX_SAFE_INTEGER): string {
	if (max !== Number.MAX_SAFE_INTEGER) return `an integer in ${min}..${max}`;
	if (min === 1) return 'a positive integer';
	if (min === 0) return 'a non-negative integer';
	return `an integer >= ${min}`;
}

/** A safe integer in `min..max`. */
export function checkInteger(
	option: string,
	value: unknown,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) {
		return value;
	}
	return failOption(option, integerRange(min, max), value);
}

/** `fallback` when `value` is undefined, else a safe integer in `min..max`. */
export function integerOption<F extends number | undefined>(
	option: string,
	value: unknown,
	fallback: F,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number | F {
	return value === undefined ? fallback : checkInteger(option, value, min, max);
}

/** `fallback` when `value` is undefined, else an integer >= 1. */
export function positiveInteger<F extends number | undefined>(
	option: string,
	value: unknown,
	fallback: F,
): number | F {
	return integerOption(option, value, fallback, 1);
}

/** `fallback` when `value` is undefined, else an integer >= 0. */
export function nonNegativeInteger(option: string, value: unknown, fallback: number): number {
	return integerOption(option, value, fallback, 0);
}

/** `fallback` when `value` is undefined, else a finite number > 0. */
export function positiveNumber(option: string, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
	return failOption(option, 'a positive number', value);
}

/** `fallback` when `value` is undefined, else milliseconds >= 0 (`Infinity` unless disallowed). */
export function durationOption(
	option: string,
	value: unknown,
	fallback: number,
	allowInfinity = true,
): number {
	if (value === undefined) return fallback;
	if (
		typeof value === 'number' &&
		value >= 0 &&
		(Number.isFinite(value) || (allowInfinity && value === Infinity))
	) {
		return value;
	}
	const expected = allowInfinity ? 'milliseconds >= 0 (or Infinity)' : 'finite milliseconds >= 0';
	return failOption(option, expected, value);
}

/** A boolean. */
export function checkBoolean(option: string, value: unknown): boolean {
	return typeof value === 'boolean' ? value : failOption(option, 'a boolean', value);
}

/** `fallback` when `value` is undefined, else a boolean. */
export function booleanOption(option: string, value: unknown, fallback: boolean): boolean {
	return value === undefined ? fallback : checkBoolean(option, value);
}

/** `fallback` when `value` is undefined, else one of `allowed`. */
export function oneOf<T extends string>(
	option: string,
	value: unknown,
	fallback: T,
	allowed: readonly T[],
): T {
	if (value === undefined) return fallback;
	if (allowed.includes(value as T)) return value as T;
	return failOption(option, `one of ${allowed.join(', ')}`, value);
}

/** `fallback` (by default `undefined`) when `value` is undefined, else a function. */
export function functionOption<T>(option: string, value: T | undefined): T | undefined;
export function functionOption<T>(option: string, value: T | undefined, fallback: T): T;
export function functionOption<T>(option: string, value: T | undefined, fallback?: T) {
	if (value === undefined) return fallback;
	if (typeof value === 'function') return value;
	return failOption(option, 'a function', value);
}

/**
 * `undefined` when `value` is undefined, else `value` once each of `methods` is a function on it;
 * `what` names the expected collaborator (`a logger`, `a MeterProvider`).
 */
export function methodsOption<T>(
	option: string,
	value: unknown,
	what: string,
	methods: readonly string[],
): T | undefined {
	if (value === undefined) return undefined;
	const target = value as Record<string, unknown> | null;
	if (
		target === null ||
		(typeof target !== 'object' && typeof target !== 'function') ||
		methods.some((method) => typeof target[method] !== 'function')
	) {
		failOption(option, `${what} with ${methods.map((m) => `${m}()`).join(', ')}`, value);
	}
	return value as T;
}

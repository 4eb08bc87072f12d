import { describe, expect, it } from 'vitest';
import {
	booleanOption,
	checkBoolean,
	checkInteger,
	checkObject,
	checkRecord,
	durationOption,
	expectedGot,
	failOption,
	functionOption,
	integerOption,
	methodsOption,
	nonNegativeInteger,
	oneOf,
	positiveInteger,
	positiveNumber,
} from '../../src/common/option-checks.js';

/** The error `check` throws (it must throw). */
function thrown(check: () => unknown): unknown {
	try {
		check();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

/** An `InvalidOptionError` for `option` with the one wording. */
function rejected(option: string, message: string) {
	return expect.objectContaining({
		name: 'InvalidOptionError',
		code: 'ERR_INVALID_OPTION',
		option,
		message: `${option}: ${message}`,
	});
}

describe('option checks', () => {
	it('words every rejection as "<option>: expected <what>, got <value>"', () => {
		expect(expectedGot('a thing', '18 bytes')).toBe('expected a thing, got 18 bytes');
		expect(thrown(() => failOption('a.b', 'a thing', 'x'.repeat(100)))).toEqual(
			rejected('a.b', `expected a thing, got "${'x'.repeat(61)}..."`),
		);
	});

	it('names integer ranges the same way everywhere', () => {
		expect(thrown(() => positiveInteger('n', 0, 1))).toEqual(
			rejected('n', 'expected a positive integer, got 0'),
		);
		expect(thrown(() => nonNegativeInteger('n', -1, 0))).toEqual(
			rejected('n', 'expected a non-negative integer, got -1'),
		);
		expect(thrown(() => integerOption('n', 999, 1_000, 1_000))).toEqual(
			rejected('n', 'expected an integer >= 1000, got 999'),
		);
		expect(thrown(() => checkInteger('port', 70_000, 0, 65_535))).toEqual(
			rejected('port', 'expected an integer in 0..65535, got 70000'),
		);
		expect(thrown(() => positiveInteger('n', 1.5, 1))).toEqual(
			rejected('n', 'expected a positive integer, got 1.5'),
		);
	});

	it('returns the fallback for undefined and the value when it passes', () => {
		expect(positiveInteger('n', undefined, 7)).toBe(7);
		expect(positiveInteger('n', undefined, undefined)).toBeUndefined();
		expect(positiveInteger('n', 3, 7)).toBe(3);
		expect(positiveNumber('r', 0.5, 10)).toBe(0.5);
		expect(durationOption('d', Infinity, 5)).toBe(Infinity);
		expect(booleanOption('b', undefined, true)).toBe(true);
		expect(oneOf('m', 'b', 'a', ['a', 'b'])).toBe('b');
		expect(functionOption('f', undefined, Date.now)).toBe(Date.now);
		expect(methodsOption('l', undefined, 'a logger', ['info'])).toBeUndefined();
	});

	it('rejects other kinds with the same wording', () => {
		expect(thrown(() => positiveNumber('r', 0, 10))).toEqual(
			rejected('r', 'expected a positive number, got 0'),
		);
		expect(thrown(() => durationOption('d', Infinity, 5, false))).toEqual(
			rejected('d', 'expected finite milliseconds >= 0, got Infinity'),
		);
		expect(thrown(() => checkBoolean('b', 'yes'))).toEqual(
			rejected('b', 'expected a boolean, got "yes"'),
		);
		expect(thrown(() => oneOf('m', 'c', 'a', ['a', 'b']))).toEqual(
			rejected('m', 'expected one of a, b, got "c"'),
		);
		expect(thrown(() => functionOption('f', 'nope'))).toEqual(
			rejected('f', 'expected a function, got "nope"'),
		);
		expect(thrown(() => methodsOption('logger', {}, 'a logger', ['info', 'warn']))).toEqual(
			rejected('logger', 'expected a logger with info(), warn(), got an object'),
		);
	});

	it('accepts arrays as objects only in checkObject, not in checkRecord', () => {
		expect(() => checkObject('o', [])).not.toThrow();
		expect(thrown(() => checkRecord('o', []))).toEqual(
			rejected('o', 'expected an object, got an array'),
		);
		expect(thrown(() => checkObject('o', null))).toEqual(
			rejected('o', 'expected an object, got null'),
		);
	});
});

import { randomBytes } from 'node:crypto';
import { CREATE_LIMITS } from '../../src/mcp/index.js';

/** A random value of `length` characters (distinct per call, so no string is shared). */
const value = (length: number) => randomBytes(length).toString('base64').slice(0, length);

/** One create_integration input at every CREATE_LIMITS bound, with fresh random values. */
export function maximalCreate(i: number, endpoint = 'http://127.0.0.1:9/') {
	const L = CREATE_LIMITS;
	const key = (prefix: string, n: number) => `${prefix}${n}-`.padEnd(L.maxKeyLength, 'k');
	const path = value(L.maxEndpointLength - endpoint.length).replace(/[+/=]/g, 'x');
	return {
		name: `n${i}-${value(L.maxNameLength)}`.slice(0, L.maxNameLength),
		type: 'api',
		config: {
			endpoint: `${endpoint}${path}`,
			headers: Object.fromEntries(
				Array.from({ length: L.maxHeaders }, (_, n) => [key('x-h', n), value(L.maxValueLength)]),
			),
			credentials: Object.fromEntries(
				Array.from({ length: L.maxCredentials }, (_, n) => [key('c', n), value(L.maxValueLength)]),
			),
		},
	};
}

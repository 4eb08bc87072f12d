import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../src/mcp/outbound/operation-plan.js';

const endpoint = new URL('https://api.example.com/v1?tenant=acme');

describe('planOperation', () => {
	it('maps "METHOD /path" onto the endpoint path, keeping the endpoint query', () => {
		const plan = planOperation(endpoint, 'GET /users?active=true', undefined);
		expect(plan.method).toBe('GET');
		expect(plan.url.href).toBe('https://api.example.com/v1/users?tenant=acme&active=true');
	});

	it('sends the payload as a JSON body for POST, PUT and PATCH', () => {
		for (const method of ['POST', 'put', 'Patch']) {
			const plan = planOperation(endpoint, `${method} /users`, { name: 'ada' });
			expect(plan.method).toBe(method.toUpperCase());
			expect(plan.body).toBe('{"name":"ada"}');
		}
	});

	it('sends the payload as query parameters for GET and DELETE', () => {
		const plan = planOperation(endpoint, 'DELETE /users', {
			id: 7,
			tags: ['a', 'b'],
			filter: { x: 1 },
			skip: null,
		});
		expect(plan.body).toBeUndefined();
		expect(plan.url.search).toBe('?tenant=acme&id=7&tags=a&tags=b&filter=%7B%22x%22%3A1%7D');
	});

	it('refuses control characters the URL parser would strip, so no dot segment can hide behind them', () => {
		for (const operation of [
			'/.\t./admin',
			'GET /a/.\n./b',
			'/x\u0000y',
			'sync\u007fall',
			'/a\u0085b',
		]) {
			expect(
				() => planOperation(endpoint, operation, undefined),
				JSON.stringify(operation),
			).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPERATION' }));
		}
		expect(planOperation(endpoint, '  GET /ok\n', undefined).url.pathname).toBe('/v1/ok');
	});

	it('keeps the final path under the endpoint path', () => {
		const nested = new URL('https://api.example.com/tenants/acme/api/');
		expect(planOperation(nested, 'GET /users/..list', undefined).url.pathname).toBe(
			'/tenants/acme/api/users/..list',
		);
		expect(planOperation(nested, 'GET', undefined).url.pathname).toBe('/tenants/acme/api/');
	});

	it('uses the endpoint itself for a bare method', () => {
		expect(planOperation(endpoint, 'PUT', undefined).url.href).toBe(
			'https://api.example.com/v1?tenant=acme',
		);
	});

	it('defaults a bare path to GET, or POST when a payload is given', () => {
		expect(planOperation(endpoint, '/health', undefined).method).toBe('GET');
		expect(planOperation(endpoint, '/events', { a: 1 }).method).toBe('POST');
	});

	it('posts a named operation with its payload to the endpoint', () => {
		const plan = planOperation(endpoint, 'sync_contacts', { since: '2026-01-01' });
		expect(plan).toMatchObject({
			method: 'POST',
			body: '{"operation":"sync_contacts","payload":{"since":"2026-01-01"}}',
		});
		expect(plan.url.pathname).toBe('/v1');
	});

	it.each([
		'GET https://evil.example/',
		'GET //evil.example/x',
		'GET /a/../../b',
		'GET /%2E%2E/b',
		'GET /%zz',
		'drop table; --',
		'',
	])('rejects %j with ERR_INVALID_OPERATION', (operation) => {
		expect(() => planOperation(endpoint, operation, undefined)).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPERATION' }),
		);
	});
});

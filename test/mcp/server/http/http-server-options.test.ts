import { describe, expect, it } from 'vitest';
import {
	HTTP_DEFAULTS,
	resolveHttpOptions,
} from '../../../../src/mcp/server/http/http-server-options.js';
import { TOKEN_A } from '../../../support/http-test-client.js';

describe('resolveHttpOptions', () => {
	it('applies the defaults: loopback, JSON responses, 2 MiB bodies, 10 s drain, loopback Host names', () => {
		const resolved = resolveHttpOptions({ token: TOKEN_A });
		expect(resolved).toMatchObject({
			host: '127.0.0.1',
			port: 0,
			jsonResponse: true,
			maxRequestBodyBytes: 2 * 1024 * 1024,
			shutdownTimeoutMillis: 10_000,
			healthTimeoutMillis: 2_000,
			allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
			allowedOrigins: ['localhost', '127.0.0.1', '[::1]'],
		});
		expect(resolved.tokens.authenticate(`Bearer ${TOKEN_A}`)?.clientId).toBe(
			HTTP_DEFAULTS.tenantId,
		);
	});

	it('adds a specific bind address to the allowed Host names, but not a wildcard one', () => {
		expect(resolveHttpOptions({ token: TOKEN_A, host: '10.1.2.3' }).allowedHosts).toContain(
			'10.1.2.3',
		);
		expect(resolveHttpOptions({ token: TOKEN_A, host: 'fd00::5' }).allowedHosts).toContain(
			'[fd00::5]',
		);
		expect(resolveHttpOptions({ token: TOKEN_A, host: '0.0.0.0' }).allowedHosts).toEqual([
			'localhost',
			'127.0.0.1',
			'[::1]',
		]);
	});

	it('fails closed without any token, and names each bad option with its value', () => {
		expect(() => resolveHttpOptions({})).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'token' }),
		);
		expect(() => resolveHttpOptions({ host: '0.0.0.0', tokens: {} })).toThrow(
			/bearer token is required/,
		);
		const bad: Array<[Record<string, unknown>, RegExp]> = [
			[{ port: 70_000 }, /port: .*70000/],
			[{ maxRequestBodyBytes: 10 }, /maxRequestBodyBytes: .*10/],
			[{ shutdownTimeoutMillis: -1 }, /shutdownTimeoutMillis/],
			[{ jsonResponse: 'yes' }, /jsonResponse: expected a boolean, got "yes"/],
			[{ allowedHosts: 'localhost' }, /allowedHosts: expected an array/],
			[{ host: '' }, /host: expected a host name/],
		];
		for (const [options, message] of bad) {
			expect(() => resolveHttpOptions({ token: TOKEN_A, ...options })).toThrow(message);
		}
	});
});

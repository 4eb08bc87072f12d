import { describe, expect, it } from 'vitest';
import {
	isWildcardHost,
	parseListenAddress,
	urlHost,
} from '../../../../src/mcp/server/http/listen-address.js';

describe('parseListenAddress', () => {
	it('reads HOST:PORT, [IPv6]:PORT and :PORT (default host)', () => {
		expect(parseListenAddress('127.0.0.1:8080', '--http')).toEqual({
			host: '127.0.0.1',
			port: 8080,
		});
		expect(parseListenAddress('[::1]:0', '--http')).toEqual({ host: '::1', port: 0 });
		expect(parseListenAddress('mcp.internal:443', '--http')).toEqual({
			host: 'mcp.internal',
			port: 443,
		});
		expect(parseListenAddress(':3000', '--http')).toEqual({ host: '127.0.0.1', port: 3000 });
	});

	it('refuses a missing or out-of-range port and an unbracketed IPv6 address, naming the option', () => {
		for (const text of ['127.0.0.1', '127.0.0.1:65536', '::1:80', '[example]:80', 'host:']) {
			expect(() => parseListenAddress(text, '--http')).toThrow(
				expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: '--http' }),
			);
		}
	});
});

describe('address forms', () => {
	it('knows the wildcard binds and writes IPv6 hosts in brackets', () => {
		expect(['0.0.0.0', '::', '[::]'].every(isWildcardHost)).toBe(true);
		expect(['127.0.0.1', '10.0.0.1', '::1'].some(isWildcardHost)).toBe(false);
		expect([urlHost('::1'), urlHost('127.0.0.1')]).toEqual(['[::1]', '127.0.0.1']);
	});
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../src/cli/index.js';
import { TOKEN_A, TOKEN_B } from '../support/http-test-client.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-http-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

describe('parseCliConfig: --http', () => {
	it('maps --http, INTEGRATIONS_MCP_TOKEN, --tenant and the HTTP flags to HTTP options', () => {
		const command = parseCliConfig(
			[
				'mcp',
				'--http',
				'[::1]:8080',
				'--tenant',
				'acme',
				'--http-allowed-hosts',
				'mcp.example.com, localhost',
				'--shutdown-timeout-ms',
				'2500',
			],
			{ INTEGRATIONS_MCP_TOKEN: TOKEN_A, CORTEX_INTEGRATIONS_HTTP_MAX_BODY_BYTES: '65536' },
		);
		expect(command).toMatchObject({
			kind: 'mcp',
			http: {
				host: '::1',
				port: 8080,
				token: TOKEN_A,
				tenantId: 'acme',
				allowedHosts: ['mcp.example.com', 'localhost'],
				maxRequestBodyBytes: 65_536,
				shutdownTimeoutMillis: 2_500,
			},
		});
	});

	it('reads the token from --token-file and the token→tenant table from --tokens-file', () => {
		const tokenFile = file('token', `${TOKEN_A}\n`);
		const tokensFile = file('tokens.json', JSON.stringify({ [TOKEN_B]: 'globex' }));
		const command = parseCliConfig(['mcp', '--http', '127.0.0.1:0', '--token-file', tokenFile], {
			INTEGRATIONS_MCP_TOKENS_FILE: tokensFile,
			INTEGRATIONS_MCP_TOKEN: 'ignored-env-token-0001',
		});
		expect(command).toMatchObject({
			http: { token: TOKEN_A, tokens: { [TOKEN_B]: 'globex' } },
		});
	});

	it('shares slots between tenants fairly with a token table, and gives the one tenant all of them otherwise', () => {
		const tokensFile = file('tenants.json', JSON.stringify({ [TOKEN_A]: 'a', [TOKEN_B]: 'b' }));
		const table = parseCliConfig(['mcp', '--http', ':9000', '--tokens-file', tokensFile], {});
		expect(table).toMatchObject({ http: { host: '127.0.0.1', port: 9000 } });
		expect(table.kind === 'mcp' && table.runtime.maxConcurrencyPerTenant).toBeUndefined();
		const single = parseCliConfig(['mcp', '--http', ':9000'], { INTEGRATIONS_MCP_TOKEN: TOKEN_A });
		expect(single).toMatchObject({ runtime: { maxConcurrencyPerTenant: 16 } });
	});

	it('refuses --http without a token, HTTP flags without --http, and a malformed address', () => {
		expect(() => parseCliConfig(['mcp', '--http', '0.0.0.0:8080'], {})).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'INTEGRATIONS_MCP_TOKEN' }),
		);
		expect(() => parseCliConfig(['mcp', '--shutdown-timeout-ms', '5'], {})).toThrow(
			/--shutdown-timeout-ms: applies only with --http/,
		);
		for (const address of ['8080', 'host:99999', '[nothex]:80', 'a:b:80']) {
			expect(() =>
				parseCliConfig(['mcp', '--http', address], { INTEGRATIONS_MCP_TOKEN: TOKEN_A }),
			).toThrow(/--http/);
		}
	});

	it('names the file and never the token when a token file is missing, empty or not a table', () => {
		const env = {};
		expect(() =>
			parseCliConfig(['mcp', '--http', ':1', '--token-file', join(dir, 'missing')], env),
		).toThrow(/--token-file: cannot read .*missing \(ENOENT\)/);
		expect(() =>
			parseCliConfig(['mcp', '--http', ':1', '--token-file', file('empty', ' \n')], env),
		).toThrow(/holds no token/);
		const notTable = file('list.json', JSON.stringify([TOKEN_A]));
		let message = '';
		try {
			parseCliConfig(['mcp', '--http', ':1', '--tokens-file', notTable], env);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/--tokens-file: .* expected an object of token → tenant id/);
		expect(message).not.toContain(TOKEN_A);
	});

	it('leaves HTTP off when --http is absent', () => {
		expect(parseCliConfig(['mcp'], { INTEGRATIONS_MCP_TOKEN: TOKEN_A })).toMatchObject({
			http: undefined,
		});
	});
});

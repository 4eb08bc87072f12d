import { describe, expect, it } from 'vitest';
import {
	createBearerTokens,
	MIN_TOKEN_CHARS,
} from '../../../../src/mcp/server/http/bearer-tokens.js';
import { TOKEN_A, TOKEN_B } from '../../../support/http-test-client.js';

describe('createBearerTokens', () => {
	const tokens = createBearerTokens(
		[
			[TOKEN_A, 'acme'],
			[TOKEN_B, 'globex'],
		],
		'tokens',
	);

	it('maps each token to its tenant as the auth info clientId', () => {
		expect(tokens.size).toBe(2);
		expect(tokens.authenticate(`Bearer ${TOKEN_A}`)).toEqual({
			token: TOKEN_A,
			clientId: 'acme',
			scopes: [],
		});
		expect(tokens.authenticate(`bearer  ${TOKEN_B} `)?.clientId).toBe('globex');
	});

	it('rejects a missing header, another scheme, a prefix, an extension and a near miss', () => {
		for (const header of [
			undefined,
			'',
			`Basic ${TOKEN_A}`,
			`Bearer ${TOKEN_A.slice(0, -1)}`,
			`Bearer ${TOKEN_A}0`,
			`Bearer ${TOKEN_A.slice(0, -1)}X`,
			`Bearer ${TOKEN_A} ${TOKEN_B}`,
			`Bearer${TOKEN_A}`,
		]) {
			expect(tokens.authenticate(header)).toBeUndefined();
		}
	});

	it('refuses short or non-b64token tokens and bad tenant ids without echoing the token', () => {
		const short = 'x'.repeat(MIN_TOKEN_CHARS - 1);
		for (const [token, tenant] of [
			[short, 'acme'],
			['has space in it 123456', 'acme'],
			[TOKEN_A, ''],
			[TOKEN_A, 7 as unknown as string],
		] as const) {
			let message = '';
			try {
				createBearerTokens([[token, tenant]], 'tokens');
			} catch (error) {
				message = (error as Error).message;
				expect(error).toMatchObject({ code: 'ERR_INVALID_OPTION', option: 'tokens' });
			}
			expect(message).not.toBe('');
			expect(message).not.toContain(token);
		}
	});
});

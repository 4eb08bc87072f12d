import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../../../src/mcp/store/nats-kv/secret-box.js';

const key = () => loadSecretKey(randomBytes(32), 'secretKey');

describe('createSecretBox', () => {
	it('opens what it sealed, with a fresh random IV on every seal', () => {
		const box = createSecretBox(key());
		const first = box.seal('tok-SENTINEL', 'record:int_1');
		const second = box.seal('tok-SENTINEL', 'record:int_1');
		expect(first).not.toBe(second);
		const iv = (sealed: string) =>
			Buffer.from(sealed.split('.')[2] ?? '', 'base64url').subarray(0, 12);
		expect(iv(first).equals(iv(second))).toBe(false);
		expect(box.open(first, 'record:int_1')).toBe('tok-SENTINEL');
		expect(first).toMatch(new RegExp(`^a1\\.${box.keyId}\\.[A-Za-z0-9_-]+$`));
		expect(first).not.toContain('SENTINEL');
	});

	it('refuses a value whose data, tag or context changed (ERR_UNSEAL_FAILED, tampered)', () => {
		const box = createSecretBox(key());
		const sealed = box.seal('{"a":1}', 'record:int_1');
		const body = Buffer.from(sealed.split('.')[2] ?? '', 'base64url');
		for (const at of [0, 12, body.length - 1]) {
			const altered = Buffer.from(body);
			altered[at] = (altered[at] ?? 0) ^ 1;
			const forged = `a1.${box.keyId}.${altered.toString('base64url')}`;
			expect(() => box.open(forged, 'record:int_1')).toThrow(
				expect.objectContaining({ code: 'ERR_UNSEAL_FAILED', reason: 'tampered' }),
			);
		}
		expect(() => box.open(sealed, 'record:int_2')).toThrow(
			expect.objectContaining({ reason: 'tampered' }),
		);
		expect(() => box.open('not sealed', 'record:int_1')).toThrow(
			expect.objectContaining({ reason: 'malformed' }),
		);
	});

	it('opens with a previous key but seals only with the current one; an unknown key is named', () => {
		const previous = key();
		const current = key();
		const old = createSecretBox(previous).seal('v', 'c');
		const rotated = createSecretBox(current, [previous]);
		expect(rotated.open(old, 'c')).toBe('v');
		expect(rotated.keyIdOf(rotated.seal('v', 'c'))).toBe(current.id);
		expect(rotated.keyIds).toEqual([current.id, previous.id]);
		const error = (() => {
			try {
				createSecretBox(current).open(old, 'c');
			} catch (e) {
				return e as Error;
			}
		})();
		expect(error).toMatchObject({
			code: 'ERR_UNSEAL_FAILED',
			reason: 'unknown-key',
			keyId: previous.id,
		});
		expect(error?.message).toContain(current.id);
	});
});

describe('loadSecretKey', () => {
	it('reads base64 text, base64url text, raw bytes and key files to the same key id', () => {
		const bytes = randomBytes(32);
		const dir = mkdtempSync(join(tmpdir(), 'secret-key-'));
		writeFileSync(join(dir, 'raw'), bytes);
		writeFileSync(join(dir, 'text'), `${bytes.toString('base64')}\n`);
		const ids = [
			loadSecretKey(bytes, 'k'),
			loadSecretKey(bytes.toString('base64'), 'k'),
			loadSecretKey(bytes.toString('base64url'), 'k'),
			loadSecretKey({ file: join(dir, 'raw') }, 'k'),
			loadSecretKey({ file: join(dir, 'text') }, 'k'),
		].map((k) => k.id);
		expect(new Set(ids).size).toBe(1);
		expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{8}$/);
	});

	it('refuses a wrong length, non-base64 text or an unreadable file, naming the option, never the key', () => {
		const text = Buffer.from('SENTINEL-too-short').toString('base64');
		const attempts: Array<[unknown, RegExp]> = [
			[text, /expected a 32-byte key .*got 18 bytes/],
			['SENTINEL key!', /expected base64 text/],
			[{ file: '/nonexistent/SENTINEL' }, /cannot read the key file .*ENOENT/],
			[42, /expected key bytes, base64 text or \{ file \}/],
		];
		for (const [source, message] of attempts) {
			const error = (() => {
				try {
					loadSecretKey(source as never, 'INTEGRATIONS_SECRET_KEY');
				} catch (e) {
					return e as Error;
				}
			})();
			expect(error).toMatchObject({
				code: 'ERR_INVALID_OPTION',
				option: 'INTEGRATIONS_SECRET_KEY',
			});
			expect(error?.message).toMatch(message);
			if (typeof source === 'string') expect(error?.message).not.toContain(source);
		}
	});
});

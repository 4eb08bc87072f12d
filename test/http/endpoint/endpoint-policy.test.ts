import { describe, expect, it } from 'vitest';
import { createEndpointPolicy } from '../../../src/http/endpoint/endpoint-policy.js';
import { InvalidOptionError } from '../../../src/index.js';
import { EndpointDeniedError } from '../../../src/mcp/index.js';

const denial = (fn: () => void) => {
	try {
		fn();
	} catch (error) {
		return error;
	}
	return undefined;
};

describe('createEndpointPolicy', () => {
	const policy = createEndpointPolicy();

	it.each([
		'http://169.254.169.254/latest/meta-data/',
		'http://169.254.170.2/v2/credentials',
		'http://[fd00:ec2::254]/latest/meta-data/',
		'http://[fe80::1]/',
		'http://[::ffff:169.254.169.254]/',
		'http://2852039166/',
		'http://0xa9.0xfe.0xa9.0xfe/',
		'http://100.100.100.200/latest/meta-data/',
		'http://168.63.129.16/machine?comp=goalstate',
		'http://[::a9fe:a9fe]/',
		'http://[64:ff9b::a9fe:a9fe]/',
		'http://[2002:a9fe:a9fe::]/',
	])('denies the cloud metadata or link-local address %s by default', (url) => {
		const error = denial(() => policy.checkUrl(new URL(url)));
		expect(error).toBeInstanceOf(EndpointDeniedError);
		expect((error as EndpointDeniedError).code).toBe('ERR_ENDPOINT_DENIED');
		expect((error as EndpointDeniedError).reason).toBe('address');
	});

	it.each([
		'http://metadata.google.internal/computeMetadata/v1/',
		'http://METADATA.google.internal./',
	])('denies the metadata host name %s, whatever its case or trailing dot', (url) => {
		const error = denial(() => policy.checkUrl(new URL(url)));
		expect((error as EndpointDeniedError).reason).toBe('host');
	});

	it('allows loopback, private and public addresses by default', () => {
		for (const url of [
			'http://127.0.0.1:8080/',
			'http://[::1]/',
			'http://10.1.2.3/',
			'https://api.example.com/',
		]) {
			expect(() => policy.checkUrl(new URL(url))).not.toThrow();
		}
	});

	it('denies protocols other than http and https', () => {
		const error = denial(() => policy.checkUrl(new URL('file:///etc/passwd')));
		expect((error as EndpointDeniedError).reason).toBe('protocol');
	});

	it('lets protocols narrow http and https, never widen them', () => {
		const httpsOnly = createEndpointPolicy({ protocols: ['https:'] });
		expect(denial(() => httpsOnly.checkUrl(new URL('http://api.example.com/')))).toMatchObject({
			reason: 'protocol',
		});
		expect(() => createEndpointPolicy({ protocols: ['https:', 'ftp:'] })).toThrow(
			/endpointPolicy.protocols/,
		);
	});

	it('allows only listed hosts when an allow list is given, wildcards included', () => {
		const strict = createEndpointPolicy({
			allowHosts: ['api.example.com', '*.vendor.io', '127.0.0.1'],
		});
		expect(() => strict.checkUrl(new URL('https://api.example.com/x'))).not.toThrow();
		expect(() => strict.checkUrl(new URL('https://eu.vendor.io/x'))).not.toThrow();
		expect(() => strict.checkUrl(new URL('http://127.0.0.1:3000/'))).not.toThrow();
		const error = denial(() => strict.checkUrl(new URL('https://evil.example.org/')));
		expect((error as EndpointDeniedError).reason).toBe('not-allowed');
	});

	it('still denies metadata addresses that an allow list names', () => {
		const strict = createEndpointPolicy({ allowHosts: ['169.254.169.254'] });
		expect(denial(() => strict.checkUrl(new URL('http://169.254.169.254/')))).toBeInstanceOf(
			EndpointDeniedError,
		);
	});

	it('adds deny ranges and hosts from options', () => {
		const strict = createEndpointPolicy({
			denyCidrs: ['10.0.0.0/8'],
			denyHosts: ['*.internal.corp'],
		});
		expect(denial(() => strict.checkUrl(new URL('http://10.9.9.9/')))).toBeInstanceOf(
			EndpointDeniedError,
		);
		expect(denial(() => strict.checkUrl(new URL('http://db.internal.corp/')))).toBeInstanceOf(
			EndpointDeniedError,
		);
		expect(strict.checkAddress('10.0.0.1', 'db.example.com')?.reason).toBe('address');
	});

	it('can drop the built-in deny list', () => {
		const open = createEndpointPolicy({ denyDefaults: false });
		expect(() => open.checkUrl(new URL('http://169.254.169.254/'))).not.toThrow();
	});

	it('rejects a malformed range or host pattern eagerly, naming the option', () => {
		expect(() => createEndpointPolicy({ denyCidrs: ['10.0.0.0/99'] })).toThrow(InvalidOptionError);
		expect(() => createEndpointPolicy({ allowHosts: ['https://x.io/'] })).toThrow(
			/endpointPolicy.allowHosts/,
		);
	});
});

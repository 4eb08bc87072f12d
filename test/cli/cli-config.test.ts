import { describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../src/cli/cli-config.js';

describe('parseCliConfig', () => {
	it('maps flags to runtime options, flags winning over the environment', () => {
		const command = parseCliConfig(
			[
				'mcp',
				'--max-concurrency',
				'4',
				'--allow-hosts',
				'api.example.com, *.vendor.io',
				'--tenant',
				'acme',
			],
			{
				CORTEX_INTEGRATIONS_MAX_CONCURRENCY: '9',
				CORTEX_INTEGRATIONS_RATE_LIMIT_RPS: '2.5',
				LOG_LEVEL: 'WARN',
			},
		);
		expect(command).toEqual({
			kind: 'mcp',
			tenantId: 'acme',
			logLevel: 'warn',
			runtime: expect.objectContaining({
				maxConcurrency: 4,
				rateLimit: { requestsPerSecond: 2.5, burst: undefined },
				endpointPolicy: {
					allowHosts: ['api.example.com', '*.vendor.io'],
					denyHosts: undefined,
					denyCidrs: undefined,
				},
			}),
		});
	});

	it('reads the environment when no flag is given', () => {
		const command = parseCliConfig(['mcp'], {
			CORTEX_INTEGRATIONS_DENY_CIDRS: '10.0.0.0/8,192.168.0.0/16',
			CORTEX_INTEGRATIONS_TIMEOUT_MS: '5000',
		});
		expect(command).toMatchObject({
			kind: 'mcp',
			logLevel: 'info',
			runtime: {
				defaultTimeoutMillis: 5000,
				endpointPolicy: { denyCidrs: ['10.0.0.0/8', '192.168.0.0/16'] },
			},
		});
	});

	it('lets the one tenant of the CLI use every slot and the whole queue, and maps --max-tenant-bytes', () => {
		const defaults = parseCliConfig(['mcp'], {});
		expect(defaults).toMatchObject({
			runtime: { maxConcurrencyPerTenant: 16, maxPendingCallsPerTenant: 1000 },
		});
		const command = parseCliConfig(
			['mcp', '--max-concurrency', '4', '--max-tenant-bytes', '1048576'],
			{
				CORTEX_INTEGRATIONS_MAX_PENDING: '20',
			},
		);
		expect(command).toMatchObject({
			runtime: {
				maxConcurrency: 4,
				maxConcurrencyPerTenant: 4,
				maxPendingCalls: 20,
				maxPendingCallsPerTenant: 20,
				maxTenantBytes: 1_048_576,
			},
		});
	});

	it('recognizes help and version', () => {
		expect(parseCliConfig(['--help'], {})).toEqual({ kind: 'help' });
		expect(parseCliConfig(['mcp', '-v'], {})).toEqual({ kind: 'version' });
	});

	it('rejects an unknown command, a non-numeric value and an unknown log level, naming the input', () => {
		expect(() => parseCliConfig(['serve'], {})).toThrow(
			expect.objectContaining({ code: 'ERR_INVALID_OPTION', option: 'command' }),
		);
		expect(() => parseCliConfig([], {})).toThrow(/command/);
		expect(() => parseCliConfig(['mcp'], { CORTEX_INTEGRATIONS_MAX_PENDING: 'lots' })).toThrow(
			/--max-pending/,
		);
		expect(() => parseCliConfig(['mcp', '--log-level', 'loud'], {})).toThrow(/--log-level/);
		expect(() => parseCliConfig(['mcp', '--unknown'], {})).toThrow(TypeError);
	});
});

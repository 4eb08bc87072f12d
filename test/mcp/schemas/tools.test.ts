import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { upstreamToolInputSchemas } from '../../../bench/baseline/upstream-integrations.js';
import { integrationsMcpTools } from '../../../src/index.js';

type ToolName = keyof typeof upstreamToolInputSchemas;

// This file runs under both zod majors (vitest projects `zod4` and `zod3`): the schemas are the
// caller's zod's. Where the majors judge differently (`.datetime()` without seconds), each verdict
// is the caller's zod's own; everywhere else both equal upstream's (zod 3) verdict and output.
const major = '_zod' in z.string() ? 4 : 3;
type Verdict = boolean | { readonly zod3: boolean; readonly zod4: boolean };
const expected = (verdict: Verdict): boolean =>
	typeof verdict === 'boolean' ? verdict : major === 3 ? verdict.zod3 : verdict.zod4;

const cases: Record<ToolName, ReadonlyArray<[string, unknown, Verdict]>> = {
	create_integration: [
		['minimal', { name: 'crm', type: 'api', config: {} }, true],
		[
			'full config',
			{
				name: 'crm',
				type: 'webhook',
				config: {
					endpoint: 'https://crm.example.com/api',
					credentials: { token: 't' },
					headers: { 'x-a': 'b' },
					retryPolicy: {},
				},
			},
			true,
		],
		[
			'retryPolicy defaults 3 / 1000 when given',
			{ name: 'a', type: 'api', config: { retryPolicy: {} } },
			true,
		],
		['oauth is an event type, not a tool type', { name: 'a', type: 'oauth', config: {} }, false],
		['message-queue type', { name: 'a', type: 'message-queue', config: {} }, true],
		[
			'endpoint must be a URL',
			{ name: 'a', type: 'api', config: { endpoint: 'not a url' } },
			false,
		],
		[
			'credentials values are strings',
			{ name: 'a', type: 'api', config: { credentials: { n: 1 } } },
			false,
		],
		[
			'negative retries',
			{ name: 'a', type: 'api', config: { retryPolicy: { maxRetries: -1 } } },
			false,
		],
		[
			'float retries',
			{ name: 'a', type: 'api', config: { retryPolicy: { maxRetries: 1.5 } } },
			false,
		],
		['zero backoff', { name: 'a', type: 'api', config: { retryPolicy: { backoffMs: 0 } } }, false],
		[
			'float backoff',
			{ name: 'a', type: 'api', config: { retryPolicy: { backoffMs: 0.5 } } },
			true,
		],
		['missing config', { name: 'a', type: 'api' }, false],
		['extra keys stripped', { name: 'a', type: 'api', config: { x: 1 }, y: 2 }, true],
	],
	test_integration: [
		['testType defaults to connectivity', { integrationId: 'i' }, true],
		['full', { integrationId: 'i', testType: 'full' }, true],
		['unknown testType', { integrationId: 'i', testType: 'load' }, false],
		['missing id', {}, false],
	],
	execute_integration: [
		['minimal', { integrationId: 'i', operation: 'GET /x' }, true],
		['payload record', { integrationId: 'i', operation: 'op', payload: { a: [1], b: null } }, true],
		['payload must be an object', { integrationId: 'i', operation: 'op', payload: [1] }, false],
		['zero timeout', { integrationId: 'i', operation: 'op', timeout: 0 }, false],
		['fractional timeout', { integrationId: 'i', operation: 'op', timeout: 0.5 }, true],
		['missing operation', { integrationId: 'i' }, false],
	],
	list_integrations: [
		['limit defaults to 20', {}, true],
		['limit 100', { limit: 100 }, true],
		['limit 101', { limit: 101 }, false],
		['limit 0', { limit: 0 }, false],
		['float limit', { limit: 2.5 }, false],
		['filters', { type: 'database', status: 'error' }, true],
		['unknown status', { status: 'paused' }, false],
	],
	monitor_integration: [
		['minimal', { integrationId: 'i' }, true],
		['metrics', { integrationId: 'i', metrics: ['latency', 'error-count'] }, true],
		['unknown metric', { integrationId: 'i', metrics: ['cpu'] }, false],
		['UTC datetimes', { integrationId: 'i', timeRange: { start: '2025-10-01T00:00:00Z' } }, true],
		[
			'fractional seconds',
			{ integrationId: 'i', timeRange: { end: '2025-10-01T00:00:00.123456Z' } },
			true,
		],
		[
			'minutes only, as zod 3 allows (zod 4 requires seconds)',
			{ integrationId: 'i', timeRange: { end: '2025-10-01T00:00Z' } },
			{ zod3: true, zod4: false },
		],
		[
			'offset datetimes are rejected',
			{ integrationId: 'i', timeRange: { start: '2025-10-01T00:00:00+02:00' } },
			false,
		],
		['date only', { integrationId: 'i', timeRange: { start: '2025-10-01' } }, false],
		[
			'invalid leap day',
			{ integrationId: 'i', timeRange: { start: '2025-02-29T00:00:00Z' } },
			false,
		],
		['valid leap day', { integrationId: 'i', timeRange: { start: '2024-02-29T00:00:00Z' } }, true],
	],
};

describe('integrationsMcpTools', () => {
	it('lists the five upstream tools in order with their descriptions', () => {
		expect(
			integrationsMcpTools.map(({ name, description }) => ({ name, description })),
		).toStrictEqual([
			{ name: 'create_integration', description: 'Create a new external system integration' },
			{
				name: 'test_integration',
				description: 'Test connectivity and functionality of an integration',
			},
			{ name: 'execute_integration', description: 'Execute an operation through an integration' },
			{ name: 'list_integrations', description: 'List configured integrations with filtering' },
			{ name: 'monitor_integration', description: 'Get monitoring data for an integration' },
		]);
		for (const tool of integrationsMcpTools) {
			expect(Object.keys(tool).sort()).toStrictEqual(['description', 'inputSchema', 'name']);
		}
	});

	for (const tool of integrationsMcpTools) {
		const name = tool.name as ToolName;
		for (const [label, input, verdict] of cases[name]) {
			const accepted = expected(verdict);
			it(`${name}: ${label} is ${accepted ? 'accepted' : 'rejected'} with upstream's output`, () => {
				const mine = tool.inputSchema.safeParse(input);
				const reference = upstreamToolInputSchemas[name].safeParse(input);
				if (typeof verdict === 'boolean') expect(reference.success).toBe(accepted);
				expect(mine.success).toBe(accepted);
				if (mine.success && reference.success) expect(mine.data).toStrictEqual(reference.data);
			});
		}
	}

	it(`builds every input schema with the caller's zod (zod ${major})`, () => {
		for (const tool of integrationsMcpTools) {
			expect(tool.inputSchema).toBeInstanceOf(z.ZodType);
			expect(z.object({ input: tool.inputSchema }).safeParse({ input: null }).success).toBe(false);
			expect(z.array(tool.inputSchema).parse([])).toStrictEqual([]);
		}
	});

	it('applies the retryPolicy defaults only when retryPolicy is given', () => {
		const create = integrationsMcpTools[0]!.inputSchema;
		expect(create.parse({ name: 'a', type: 'api', config: { retryPolicy: {} } })).toMatchObject({
			config: { retryPolicy: { maxRetries: 3, backoffMs: 1000 } },
		});
		expect(create.parse({ name: 'a', type: 'api', config: {} })).toStrictEqual({
			name: 'a',
			type: 'api',
			config: {},
		});
	});
});

import { describe, expect, it } from 'vitest';
import { buildJsonSchemas } from '../../scripts/lib/json-schema-sources.js';
import { EVENT_JSON_SCHEMAS, TOOL_JSON_SCHEMAS } from '../../src/generated/json-schemas.js';

describe('src/generated/json-schemas.ts', () => {
	it('equals what zod 4 generates from the schemas now (run `npm run build` after a change)', () => {
		const fresh = buildJsonSchemas();
		expect(EVENT_JSON_SCHEMAS).toStrictEqual(fresh.events);
		expect(TOOL_JSON_SCHEMAS).toStrictEqual(fresh.tools);
	});

	it('has the four events and the five tools, each an object schema', () => {
		expect(Object.keys(EVENT_JSON_SCHEMAS)).toHaveLength(4);
		expect(Object.keys(TOOL_JSON_SCHEMAS)).toStrictEqual([
			'create_integration',
			'test_integration',
			'execute_integration',
			'list_integrations',
			'monitor_integration',
		]);
		for (const { input, output } of Object.values(TOOL_JSON_SCHEMAS)) {
			expect(input.type).toBe('object');
			expect(output.type).toBe('object');
		}
	});
});

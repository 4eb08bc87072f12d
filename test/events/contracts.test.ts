import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
	buildAsyncApiDocument,
	buildEventJsonSchema,
	INTEGRATIONS_EVENT_SCHEMAS,
	INTEGRATIONS_TOPIC_LIST,
	type IntegrationsTopic,
} from '../../src/index.js';

const dir = new URL('../../contracts/', import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

interface Example {
	description: string;
	payload: unknown;
}

describe('contracts/', () => {
	it.each(INTEGRATIONS_TOPIC_LIST)(
		'%s JSON Schema matches the Zod source (run `npm run contracts`)',
		(topic) => {
			expect(readJson(`${topic}.v1.schema.json`)).toStrictEqual(buildEventJsonSchema(topic));
		},
	);

	it('asyncapi.json matches the generator and lists the four channels', () => {
		const committed = readJson('asyncapi.json');
		expect(committed).toStrictEqual(buildAsyncApiDocument(pkg.version));
		expect(committed.asyncapi).toBe('3.0.0');
		const addresses = Object.values(committed.channels as Record<string, { address: string }>);
		expect(addresses.map((c) => c.address)).toStrictEqual([...INTEGRATIONS_TOPIC_LIST]);
	});

	it('has no stray schema files', () => {
		const schemas = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
		expect(schemas.sort()).toStrictEqual(
			INTEGRATIONS_TOPIC_LIST.map((t) => `${t}.v1.schema.json`).sort(),
		);
	});

	describe.each(INTEGRATIONS_TOPIC_LIST)('examples of %s', (topic: IntegrationsTopic) => {
		const schema = INTEGRATIONS_EVENT_SCHEMAS[topic];

		it('valid examples are accepted', () => {
			const examples: Example[] = readJson(`examples/${topic}.valid.json`);
			expect(examples.length).toBeGreaterThan(0);
			for (const { payload } of examples) expect(schema.safeParse(payload).success).toBe(true);
		});

		it('the JSON Schema compiles in a default strict Ajv 2020 and judges the examples as Zod does', () => {
			const validate = new Ajv2020().compile(readJson(`${topic}.v1.schema.json`));
			for (const kind of ['valid', 'invalid'] as const) {
				for (const { description, payload } of readJson(
					`examples/${topic}.${kind}.json`,
				) as Example[]) {
					expect(validate(payload), description).toBe(schema.safeParse(payload).success);
				}
			}
		});

		it('invalid examples are rejected', () => {
			const examples: Example[] = readJson(`examples/${topic}.invalid.json`);
			expect(examples.length).toBeGreaterThan(0);
			for (const { description, payload } of examples) {
				expect(schema.safeParse(payload).success, description).toBe(false);
			}
		});
	});
});

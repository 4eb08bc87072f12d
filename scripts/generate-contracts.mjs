#!/usr/bin/env node
// Regenerates contracts/ from the Zod schemas of the built package: one versioned JSON Schema per
// event and the AsyncAPI 3.0 document. `npm run contracts` builds first. test/events/contracts.test.ts
// fails when the committed files drift from the Zod source.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
	buildAsyncApiDocument,
	buildEventJsonSchema,
	INTEGRATIONS_CONTRACT_VERSION,
	INTEGRATIONS_TOPIC_LIST,
} from '../dist/index.js';

const dir = fileURLToPath(new URL('../contracts/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const write = (name, value) => {
	writeFileSync(`${dir}${name}`, `${JSON.stringify(value, null, '\t')}\n`);
	console.log(`contracts/${name}`);
};

for (const topic of INTEGRATIONS_TOPIC_LIST) {
	write(`${topic}.${INTEGRATIONS_CONTRACT_VERSION}.schema.json`, buildEventJsonSchema(topic));
}
write('asyncapi.json', buildAsyncApiDocument(version));

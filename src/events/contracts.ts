import { EVENT_JSON_SCHEMAS } from '../generated/json-schemas.js';
import { dataSchemaUrl, INTEGRATIONS_CONTRACT_VERSION } from './envelope.js';
import { INTEGRATIONS_TOPIC_LIST, type IntegrationsTopic } from './topics.js';

/** A versioned JSON Schema (draft 2020-12) of one event payload, generated from its Zod schema. */
export type EventJsonSchema = Record<string, unknown> & { $id: string; title: string };

const descriptions: Record<IntegrationsTopic, string> = {
	'integrations.connection.established': 'An integration connected to an external system.',
	'integrations.data.synced': 'A data synchronisation run started, completed or failed.',
	'integrations.api.called': 'An outbound API call made through an integration.',
	'integrations.webhook.received': 'A webhook delivered by an external system.',
};

/**
 * Builds the JSON Schema contract of a topic's payload (`contracts/<topic>.v1.schema.json`) from the
 * JSON Schema generated at build time (no zod needed at run time). The schema describes the accepted
 * input: unknown keys are allowed on input and stripped on output. Standard keywords only (it
 * compiles in a strict Ajv): the contract version is in `$id` and `$comment`.
 */
export function buildEventJsonSchema(topic: IntegrationsTopic): EventJsonSchema {
	const generated = structuredClone(EVENT_JSON_SCHEMAS[topic]) as Record<string, unknown>;
	return {
		$schema: generated.$schema,
		$id: dataSchemaUrl(topic),
		$comment: `contract version ${INTEGRATIONS_CONTRACT_VERSION}`,
		title: topic,
		description: descriptions[topic],
		...withoutSchemaKey(generated),
	} as EventJsonSchema;
}

/** Builds the AsyncAPI 3.0 document of the four channels (`contracts/asyncapi.json`). */
export function buildAsyncApiDocument(version: string): Record<string, unknown> {
	const channels: Record<string, unknown> = {};
	const operations: Record<string, unknown> = {};
	const messages: Record<string, unknown> = {};
	for (const topic of INTEGRATIONS_TOPIC_LIST) {
		const key = topic.replaceAll('.', '_');
		messages[key] = {
			name: topic,
			title: topic,
			summary: descriptions[topic],
			contentType: 'application/json',
			payload: { $ref: `./${topic}.${INTEGRATIONS_CONTRACT_VERSION}.schema.json` },
		};
		channels[key] = {
			address: topic,
			messages: { [key]: { $ref: `#/components/messages/${key}` } },
		};
		operations[`publish_${key}`] = {
			action: 'send',
			channel: { $ref: `#/channels/${key}` },
			messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
		};
	}
	return {
		asyncapi: '3.0.0',
		info: {
			title: '@cortex-os/integrations events',
			version,
			description: 'A2A events of the Cortex-OS integrations domain, as CloudEvents 1.0 envelopes.',
		},
		defaultContentType: 'application/json',
		channels,
		operations,
		components: { messages },
	};
}

function withoutSchemaKey(schema: Record<string, unknown>): Record<string, unknown> {
	const { $schema: _ignored, ...rest } = schema;
	return rest;
}

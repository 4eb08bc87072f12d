import { describe, expectTypeOf, it } from 'vitest';
import type { z as z3 } from 'zod/v3';
import type * as upstream from '../../bench/baseline/upstream-integrations.js';
import {
	type ApiCallEvent,
	type CreateIntegrationInput,
	createIntegrationsEvent,
	type DataSyncEvent,
	type ExecuteIntegrationInput,
	type IntegrationConnectedEvent,
	type IntegrationsTool,
	type IntegrationsTopic,
	integrationsMcpTools,
	type ListIntegrationsInput,
	type MonitorIntegrationInput,
	type TestIntegrationInput,
	type WebhookReceivedEvent,
} from '../../src/index.js';

type Infer<T extends z3.ZodTypeAny> = z3.infer<T>;
type Tools = typeof upstream.upstreamToolInputSchemas;

describe('types match upstream', () => {
	it('event payload types are the zod 3 inferred types', () => {
		expectTypeOf<IntegrationConnectedEvent>().toEqualTypeOf<
			Infer<typeof upstream.IntegrationConnectedEventSchema>
		>();
		expectTypeOf<DataSyncEvent>().toEqualTypeOf<Infer<typeof upstream.DataSyncEventSchema>>();
		expectTypeOf<ApiCallEvent>().toEqualTypeOf<Infer<typeof upstream.ApiCallEventSchema>>();
		expectTypeOf<WebhookReceivedEvent>().toEqualTypeOf<
			Infer<typeof upstream.WebhookReceivedEventSchema>
		>();
	});

	it('tool input types are the output types, defaulted fields required', () => {
		expectTypeOf<CreateIntegrationInput>().toEqualTypeOf<Infer<Tools['create_integration']>>();
		expectTypeOf<TestIntegrationInput>().toEqualTypeOf<Infer<Tools['test_integration']>>();
		expectTypeOf<ExecuteIntegrationInput>().toEqualTypeOf<Infer<Tools['execute_integration']>>();
		expectTypeOf<ListIntegrationsInput>().toEqualTypeOf<Infer<Tools['list_integrations']>>();
		expectTypeOf<MonitorIntegrationInput>().toEqualTypeOf<Infer<Tools['monitor_integration']>>();
		expectTypeOf<TestIntegrationInput['testType']>().toEqualTypeOf<
			'connectivity' | 'authentication' | 'full'
		>();
		expectTypeOf<ListIntegrationsInput['limit']>().toEqualTypeOf<number>();
	});

	it('helpers return literal topic types', () => {
		expectTypeOf(createIntegrationsEvent.connected).returns.toEqualTypeOf<{
			type: 'integrations.connection.established';
			data: IntegrationConnectedEvent;
		}>();
		expectTypeOf(createIntegrationsEvent.webhookReceived)
			.parameter(0)
			.toEqualTypeOf<WebhookReceivedEvent>();
		expectTypeOf<IntegrationsTopic>().toEqualTypeOf<
			| 'integrations.connection.established'
			| 'integrations.data.synced'
			| 'integrations.api.called'
			| 'integrations.webhook.received'
		>();
	});

	it('the tool catalogue keeps its upstream shape', () => {
		expectTypeOf(integrationsMcpTools).toEqualTypeOf<IntegrationsTool[]>();
		expectTypeOf<IntegrationsTool>().toHaveProperty('name').toEqualTypeOf<string>();
		expectTypeOf<IntegrationsTool>().toHaveProperty('description').toEqualTypeOf<string>();
	});
});

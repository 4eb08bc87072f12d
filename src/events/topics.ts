/**
 * The four A2A topics of the integrations domain, exactly as upstream spells them.
 * Keys are the `createIntegrationsEvent` method names.
 */
export const INTEGRATIONS_TOPICS = Object.freeze({
	connected: 'integrations.connection.established',
	dataSynced: 'integrations.data.synced',
	apiCalled: 'integrations.api.called',
	webhookReceived: 'integrations.webhook.received',
} as const);

/** One of the four integrations topic strings. */
export type IntegrationsTopic = (typeof INTEGRATIONS_TOPICS)[keyof typeof INTEGRATIONS_TOPICS];

/** The topics in a fixed order (the order of {@link INTEGRATIONS_TOPICS}). */
export const INTEGRATIONS_TOPIC_LIST: readonly IntegrationsTopic[] = Object.freeze(
	Object.values(INTEGRATIONS_TOPICS),
);

/** True when `value` is one of the four integrations topics. */
export function isIntegrationsTopic(value: unknown): value is IntegrationsTopic {
	return (
		typeof value === 'string' && (INTEGRATIONS_TOPIC_LIST as readonly string[]).includes(value)
	);
}

import type { IntegrationsEnvelope } from '../../events/index.js';
import type { PendingEvent } from '../pending-event.js';

/**
 * Validated events that go to the bus together, with their envelopes (same order).
 * `attempt`: bus attempts already made for them (0 for a first send).
 */
export interface PublishGroup {
	readonly events: PendingEvent[];
	readonly envelopes: IntegrationsEnvelope[];
	readonly attempt: number;
}

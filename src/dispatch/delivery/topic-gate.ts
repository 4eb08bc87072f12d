import type { IntegrationsEnvelope } from '../../events/index.js';
import { type PendingEvent, TOPIC_SLOTS } from '../pending-event.js';
import { RingQueue } from '../queue/index.js';
import type { PublishGroup } from './publish-group.js';

/** The held events of one topic and their envelopes (parallel FIFOs). */
interface Held {
	readonly events: RingQueue<PendingEvent>;
	readonly envelopes: RingQueue<IntegrationsEnvelope>;
}

/**
 * Keeps per-topic order across retries: while events of a topic await a retry, later events of
 * that topic are held here (validated, with their envelopes) and released, in order, once the
 * topic is clear.
 */
export class TopicGate {
	readonly #blocked = new Int32Array(TOPIC_SLOTS);
	readonly #held: Held[] = Array.from({ length: TOPIC_SLOTS }, () => ({
		events: new RingQueue<PendingEvent>(),
		envelopes: new RingQueue<IntegrationsEnvelope>(),
	}));
	#blockedTotal = 0;
	#heldTotal = 0;

	/** Events held back. */
	get heldCount(): number {
		return this.#heldTotal;
	}

	/** Counts an event that awaits a retry: its topic is blocked until it settles. */
	block(event: PendingEvent): void {
		this.#blocked[event.topicIndex]!++;
		this.#blockedTotal++;
	}

	/** The retried event settled (delivered or dead-lettered). */
	unblock(event: PendingEvent): void {
		this.#blocked[event.topicIndex]!--;
		this.#blockedTotal--;
	}

	/**
	 * The part of `group` whose topics are clear; the other events are held behind their topic's
	 * earlier events. Returns `group` itself when nothing is held.
	 */
	admit(group: PublishGroup): PublishGroup {
		if (this.#blockedTotal === 0 && this.#heldTotal === 0) return group;
		if (!group.events.some((event) => this.#gated(event.topicIndex))) return group;
		const admitted: PublishGroup = { events: [], envelopes: [], attempt: group.attempt };
		group.events.forEach((event, i) => {
			const envelope = group.envelopes[i] as IntegrationsEnvelope;
			if (!this.#gated(event.topicIndex)) {
				admitted.events.push(event);
				admitted.envelopes.push(envelope);
				return;
			}
			const held = this.#held[event.topicIndex] as Held;
			held.events.push(event);
			held.envelopes.push(envelope);
			this.#heldTotal++;
		});
		return admitted;
	}

	/** Up to `max` held events of one topic that is clear again, oldest first; or undefined. */
	release(max: number): PublishGroup | undefined {
		if (this.#heldTotal === 0) return undefined;
		for (let topic = 0; topic < TOPIC_SLOTS; topic++) {
			const held = this.#held[topic] as Held;
			if (held.events.length === 0 || this.#blocked[topic] !== 0) continue;
			const group: PublishGroup = { events: [], envelopes: [], attempt: 0 };
			while (group.events.length < max && held.events.length > 0) {
				group.events.push(held.events.shift() as PendingEvent);
				group.envelopes.push(held.envelopes.shift() as IntegrationsEnvelope);
			}
			this.#heldTotal -= group.events.length;
			return group;
		}
		return undefined;
	}

	/** Removes every held event into `target`, one group per topic. */
	drainInto(target: PublishGroup[]): void {
		for (const held of this.#held) {
			if (held.events.length === 0) continue;
			const group: PublishGroup = { events: [], envelopes: [], attempt: 0 };
			held.events.drainInto(group.events);
			held.envelopes.drainInto(group.envelopes);
			target.push(group);
		}
		this.#heldTotal = 0;
	}

	/** Blocked, or clear but with older events still held: later events must queue up behind. */
	#gated(topic: number): boolean {
		return this.#blocked[topic] !== 0 || (this.#held[topic] as Held).events.length !== 0;
	}
}

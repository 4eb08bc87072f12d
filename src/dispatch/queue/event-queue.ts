import type { SpanContext } from '@opentelemetry/api';
import { type PendingEvent, PRIORITIES } from '../pending-event.js';
import { EventColumns } from './event-columns.js';

/** The queued events, one columnar FIFO per priority; `shift` serves high, then normal, then low. */
export class EventQueue {
	readonly #lanes: EventColumns[] = PRIORITIES.map((_, priority) => new EventColumns(priority));
	#length = 0;

	get length(): number {
		return this.#length;
	}

	lengthOf(priority: number): number {
		return (this.#lanes[priority] as EventColumns).length;
	}

	push(
		topic: string,
		topicIndex: number,
		priority: number,
		input: unknown,
		raw: boolean,
		spanContext: SpanContext | undefined,
		epoch: number,
	): void {
		(this.#lanes[priority] as EventColumns).push(topic, topicIndex, input, raw, spanContext, epoch);
		this.#length++;
	}

	/** The oldest event of the highest non-empty priority. */
	shift(): PendingEvent | undefined {
		for (const lane of this.#lanes) {
			if (lane.length > 0) {
				this.#length--;
				return lane.shift();
			}
		}
		return undefined;
	}

	/** The newest event of the lowest priority strictly below `priority`, removed; if any. */
	popLowerThan(priority: number): PendingEvent | undefined {
		for (let p = this.#lanes.length - 1; p > priority; p--) {
			const lane = this.#lanes[p] as EventColumns;
			if (lane.length > 0) {
				this.#length--;
				return lane.pop();
			}
		}
		return undefined;
	}

	/** The oldest event of exactly `priority`, removed; if any. */
	shiftOf(priority: number): PendingEvent | undefined {
		const lane = this.#lanes[priority] as EventColumns;
		if (lane.length === 0) return undefined;
		this.#length--;
		return lane.shift();
	}

	/** Removes every event, high priority first, into `target`. */
	drainInto(target: PendingEvent[]): void {
		for (const lane of this.#lanes) {
			for (let event = lane.shift(); event !== undefined; event = lane.shift()) target.push(event);
		}
		this.#length = 0;
	}
}

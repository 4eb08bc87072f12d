import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingQueue } from '../../../src/dispatch/queue/ring-queue.js';

describe('RingQueue', () => {
	it('behaves like an array used as a deque, through growth and wrap-around', () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
			fc.constant({ kind: 'shift' as const }),
			fc.constant({ kind: 'pop' as const }),
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
				const ring = new RingQueue<number>(2);
				const model: number[] = [];
				for (const o of ops) {
					if (o.kind === 'push') {
						ring.push(o.value);
						model.push(o.value);
					} else if (o.kind === 'shift') expect(ring.shift()).toBe(model.shift());
					else expect(ring.pop()).toBe(model.pop());
					expect(ring.length).toBe(model.length);
					expect(ring.peek()).toBe(model[0]);
					expect(ring.last()).toBe(model.at(-1));
				}
				const rest: number[] = [];
				ring.drainInto(rest);
				expect(rest).toEqual(model);
				expect(ring.length).toBe(0);
			}),
		);
	});
});

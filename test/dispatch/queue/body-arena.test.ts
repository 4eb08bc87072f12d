import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyArena } from '../../../src/dispatch/queue/body-arena.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const realSetTimeout = globalThis.setTimeout;

/** Counts the SharedArrayBuffers the arena allocates (its slabs). */
function countSlabs() {
	const Original = globalThis.SharedArrayBuffer;
	const counter = { slabs: 0 };
	vi.stubGlobal(
		'SharedArrayBuffer',
		new Proxy(Original, {
			construct(target, args) {
				counter.slabs++;
				return new target(...(args as [number]));
			},
		}),
	);
	return counter;
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('BodyArena', () => {
	it('keeps a copy taken during capture: changing the caller bytes afterwards changes nothing', () => {
		const arena = new BodyArena();
		const caller = bytesOf('{"a":1}');
		const body = arena.capture(caller);
		caller.fill(0x20);
		expect(body.text()).toBe('{"a":1}');
		expect(body.byteLength).toBe(7);
		expect(body.slab.buffer).toBeInstanceOf(SharedArrayBuffer);
	});

	it('packs bodies back to back in one slab and encodes strings as UTF-8', () => {
		const arena = new BodyArena();
		const first = arena.capture(bytesOf('{"a":1}'));
		const second = arena.captureText('{"b":"é"}');
		expect(second.slab).toBe(first.slab);
		expect(second.start).toBe(first.end);
		expect(second.byteLength).toBe(10);
		expect(second.text()).toBe('{"b":"é"}');
	});

	it('reuses released slabs instead of allocating new ones: 64 MiB of bodies through 2 slabs', () => {
		const counter = countSlabs();
		const arena = new BodyArena();
		const body = new Uint8Array(64 * 1024).fill(0x61);
		for (let round = 0; round < 64; round++) {
			const held = Array.from({ length: 16 }, () => arena.capture(body));
			for (const captured of held) captured.release();
		}
		expect(counter.slabs).toBeLessThanOrEqual(2);
	});

	it('counts a release once, however often it is called', () => {
		const arena = new BodyArena();
		const a = arena.capture(bytesOf('"a"'));
		const b = arena.capture(bytesOf('"b"'));
		a.release();
		a.release();
		expect(a.slab.live).toBe(1);
		b.release();
		expect(b.slab.live).toBe(0);
	});

	it('gives a body over 256 KiB a slab of its own, never reused', () => {
		const counter = countSlabs();
		const arena = new BodyArena();
		const big = new Uint8Array(300 * 1024).fill(0x62);
		const first = arena.capture(big);
		expect(first.slab.buffer.byteLength).toBe(big.byteLength);
		first.release();
		arena.capture(big).release();
		expect(counter.slabs).toBe(2);
	});

	it('gives back idle slabs no capture needed for a second, on an unref’d timer', () => {
		vi.useFakeTimers();
		const counter = countSlabs();
		const arena = new BodyArena(1);
		const body = new Uint8Array(256 * 1024).fill(0x63);
		const burst = () => {
			const held = Array.from({ length: 16 }, () => arena.capture(body));
			for (const captured of held) captured.release();
		};
		burst(); // 4 slabs of four bodies: the current one, and three idle once released
		expect(counter.slabs).toBe(4);
		burst(); // the same slabs again
		expect(counter.slabs).toBe(4);
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(1_000);
		// Every idle slab was used in the last second: all are kept, and looked at again later.
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(1_000);
		// A second without captures: the idle slabs beyond one are given back, the timer stops.
		expect(vi.getTimerCount()).toBe(0);
		burst();
		expect(counter.slabs).toBe(6);
		arena.clear();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('never keeps the process alive with its trim timer', () => {
		const timers: NodeJS.Timeout[] = [];
		const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
			...args: Parameters<typeof setTimeout>
		) => {
			const timer = realSetTimeout(...args);
			timers.push(timer);
			return timer;
		}) as typeof setTimeout);
		const arena = new BodyArena(0);
		const body = new Uint8Array(256 * 1024);
		const held = Array.from({ length: 8 }, () => arena.capture(body));
		for (const captured of held) captured.release();
		spy.mockRestore();
		expect(timers).toHaveLength(1);
		expect(timers[0]?.hasRef()).toBe(false);
		arena.clear();
	});
});

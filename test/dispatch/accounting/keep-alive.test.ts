import { describe, expect, it } from 'vitest';
import { KeepAlive } from '../../../src/dispatch/accounting/keep-alive.js';

// Whether the port holds the process is read from the active resources Node reports (only ref'd
// handles are listed); the child-process tests in awaited-exit.test.ts prove the exits themselves.
const heldPorts = () =>
	process.getActiveResourcesInfo().filter((type) => type === 'MessagePort').length;

describe('KeepAlive', () => {
	it('holds the process with one ref’d port while at least one hold is outstanding', () => {
		const before = heldPorts();
		const keepAlive = new KeepAlive();
		expect(heldPorts()).toBe(before);
		keepAlive.hold();
		keepAlive.hold();
		expect(keepAlive.holds).toBe(2);
		expect(heldPorts()).toBe(before + 1);
		keepAlive.release();
		expect(heldPorts()).toBe(before + 1);
		keepAlive.release();
		expect(keepAlive.holds).toBe(0);
		expect(heldPorts()).toBe(before);
	});

	it('ignores a release without a hold, so a later hold still holds', () => {
		const before = heldPorts();
		const keepAlive = new KeepAlive();
		keepAlive.release();
		expect(keepAlive.holds).toBe(0);
		keepAlive.hold();
		expect(heldPorts()).toBe(before + 1);
		keepAlive.release();
		expect(heldPorts()).toBe(before);
	});
});

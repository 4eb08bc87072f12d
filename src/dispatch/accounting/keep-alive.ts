import type { MessagePort } from 'node:worker_threads';

/**
 * Keeps the process alive while work someone waits for is outstanding, and only then: a counted
 * hold on one ref'd `MessagePort`. While at least one hold is outstanding the port is ref'd; at
 * zero it is unref'd, so an idle process exits by itself. A port rather than a timer: it never
 * fires, costs nothing while held, and fake timers in tests leave it alone.
 */
export class KeepAlive {
	#holds = 0;
	#port: MessagePort | undefined;

	/** Holds outstanding. */
	get holds(): number {
		return this.#holds;
	}

	/** Takes one hold: from the first one on, the process stays alive. */
	hold(): void {
		if (this.#holds++ > 0) return;
		if (this.#port === undefined) {
			// Created on first use; port2 is dropped: the port never receives anything.
			this.#port = new MessageChannel().port1;
		}
		this.#port.ref();
	}

	/** Gives one hold back: at zero, the process may exit again. Extra releases are ignored. */
	release(): void {
		if (this.#holds === 0) return;
		if (--this.#holds === 0) this.#port?.unref();
	}
}

/**
 * The keep-alive every publisher of this process shares: one port, however many publishers. Each
 * publisher holds it once while any of its events is unsettled (see `SettleTracker`).
 */
export const processKeepAlive = new KeepAlive();

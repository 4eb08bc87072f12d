/** An entry with its insertion sequence number. */
export interface SeqEntry {
	readonly seq: number;
}

/**
 * An array of entries kept sorted by `seq`. Appends are O(1) (new entries have the highest seq);
 * finding a cursor position is a binary search; moving an entry in or out is one splice.
 */
export class SeqList<T extends SeqEntry> {
	readonly #items: T[] = [];

	get length(): number {
		return this.#items.length;
	}

	insert(entry: T): void {
		const items = this.#items;
		const last = items[items.length - 1];
		if (last === undefined || last.seq < entry.seq) items.push(entry);
		else items.splice(this.#firstIndexAbove(entry.seq - 1), 0, entry);
	}

	remove(entry: T): void {
		const index = this.#firstIndexAbove(entry.seq - 1);
		if (this.#items[index] === entry) this.#items.splice(index, 1);
	}

	/** Up to `limit` entries with `seq > afterSeq`, and whether more follow. */
	pageAfter(afterSeq: number, limit: number): { items: T[]; hasMore: boolean } {
		const start = this.#firstIndexAbove(afterSeq);
		const items = this.#items.slice(start, start + limit);
		return { items, hasMore: start + limit < this.#items.length };
	}

	/** Index of the first entry whose seq is greater than `seq`. */
	#firstIndexAbove(seq: number): number {
		const items = this.#items;
		let low = 0;
		let high = items.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if ((items[mid] as T).seq <= seq) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}

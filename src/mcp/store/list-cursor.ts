import { InvalidCursorError } from '../runtime-errors.js';

/** What a cursor encodes: the filters it was issued for and the last position returned. */
export interface CursorPosition {
	/** Filter signature (`type|status`); a cursor only continues the listing it came from. */
	readonly filter: string;
	/** Sequence number of the last item returned. */
	readonly afterSeq: number;
}

const VERSION = 1;

/** Encodes a position as an opaque base64url token. */
export function encodeCursor(position: CursorPosition): string {
	const json = JSON.stringify([VERSION, position.filter, position.afterSeq]);
	return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token from `encodeCursor`; throws `InvalidCursorError` on anything else. */
export function decodeCursor(cursor: string, expectedFilter: string): CursorPosition {
	let decoded: unknown;
	try {
		if (cursor.length > 256) throw new Error('too long');
		decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		throw new InvalidCursorError();
	}
	if (!Array.isArray(decoded) || decoded.length !== 3) throw new InvalidCursorError();
	const [version, filter, afterSeq] = decoded as unknown[];
	if (version !== VERSION || filter !== expectedFilter) throw new InvalidCursorError();
	if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
		throw new InvalidCursorError();
	}
	return { filter, afterSeq };
}

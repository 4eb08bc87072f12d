import { isIPv4, isIPv6 } from 'node:net';

/** Where connecting to the unspecified address (`0.0.0.0`, `::`) really goes: this host. */
const UNSPECIFIED_REACHES = Object.freeze(['127.0.0.1', '::1']);

/**
 * The addresses a connection to `address` may reach, `address` itself first: the unspecified
 * address (0.0.0.0/8, `::`) reaches loopback, and an IPv6 address that embeds an IPv4 address
 * reaches that IPv4 address (IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`). A policy denies `address` when it denies any of them.
 */
export function reachedAddresses(address: string): string[] {
	const reached = [address];
	const embedded = isIPv6(address) ? embeddedIPv4(address) : undefined;
	if (embedded !== undefined) reached.push(embedded);
	const v4 = embedded ?? (isIPv4(address) ? address : undefined);
	if (isUnspecified(address, v4)) reached.push(...UNSPECIFIED_REACHES);
	return reached;
}

function isUnspecified(address: string, v4: string | undefined): boolean {
	if (v4 !== undefined) return v4.startsWith('0.');
	const words = ipv6Words(address);
	return words?.every((word) => word === 0) ?? false;
}

/** The IPv4 address embedded in an IPv6 address by a well-known translation, if any. */
function embeddedIPv4(address: string): string | undefined {
	const w = ipv6Words(address);
	if (!w) return undefined;
	const zero = (from: number, to: number) => w.slice(from, to).every((word) => word === 0);
	const tail = () => dotted(w[6] ?? 0, w[7] ?? 0);
	if (zero(0, 5) && w[5] === 0xffff) return tail(); // ::ffff:a.b.c.d (mapped)
	if (zero(0, 6) && (w[6] !== 0 || (w[7] ?? 0) > 1)) return tail(); // ::a.b.c.d (not :: or ::1)
	if (w[0] === 0x64 && w[1] === 0xff9b && zero(2, 6)) return tail(); // 64:ff9b::a.b.c.d (NAT64)
	if (w[0] === 0x2002) return dotted(w[1] ?? 0, w[2] ?? 0); // 2002:aabb:ccdd::/48 (6to4)
	return undefined;
}

function dotted(high: number, low: number): string {
	return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The eight 16-bit words of an IPv6 address (`::`, a dotted tail and a zone id allowed). */
function ipv6Words(address: string): number[] | undefined {
	const bare = address.split('%')[0] ?? '';
	if (!isIPv6(bare)) return undefined;
	const [head = '', tail] = bare.split('::');
	const parse = (part: string) => (part === '' ? [] : part.split(':').flatMap(wordsOf));
	const left = parse(head);
	const right = tail === undefined ? [] : parse(tail);
	const fill = tail === undefined ? 0 : 8 - left.length - right.length;
	return [...left, ...new Array<number>(fill).fill(0), ...right];
}

function wordsOf(group: string): number[] {
	if (!group.includes('.')) return [Number.parseInt(group, 16)];
	const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
	return [(a << 8) | b, (c << 8) | d];
}

import { isIPv4, isIPv6 } from 'node:net';

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = readonly number[];

/** The bytes of an IP address in any textual form `node:net` accepts, or undefined. */
export function addressBytes(address: string): AddressBytes | undefined {
  if (isIPv4(address)) return ipv4Bytes(address);
  if (isIPv6(address)) return ipv6Bytes(address);
  return undefined;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** Expands `::`, a zone id and an embedded dotted quad; `address` is known to be valid. */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(tail);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const before = groups(head);
  const after = rest === undefined ? [] : groups(rest);
  const zeros = Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/** Whether the first `prefix` bits of `bytes` equal those of `network` (same family). */
export function inPrefix(bytes: AddressBytes, network: AddressBytes, prefix: number): boolean {
  if (bytes.length !== network.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address stands for, where it stands for one: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`, deprecated), NAT64 (`64:ff9b::/96`) and
 * 6to4 (`2002:AABB:CCDD::/48`). A connection to any of them may end at that IPv4 address.
 */
export function embeddedIpv4(bytes: AddressBytes): AddressBytes | undefined {
  if (bytes.length !== 16) return undefined;
  const zeroUpTo = (end: number) => bytes.slice(0, end).every((b) => b === 0);
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (inPrefix(bytes, NAT64, 96)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  // ::a.b.c.d, but not :: and ::1 themselves (classified as IPv6).
  if (zeroUpTo(12) && !zeroUpTo(15)) return bytes.slice(12);
  return undefined;
}

const NAT64: AddressBytes = [0, 0x64, 0xff, 0x9b, ...Array<number>(12).fill(0)];

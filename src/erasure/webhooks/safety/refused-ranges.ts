import { type AddressBytes, addressBytes, embeddedIpv4, inPrefix } from './ip-address';

/** Why an address is not a public one; the kind is safe to name in errors and logs. */
export type RefusedKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

interface Range {
  readonly network: AddressBytes;
  readonly prefix: number;
  readonly kind: RefusedKind;
}

function range(cidr: string, kind: RefusedKind): Range {
  const [address = '', prefix = ''] = cidr.split('/');
  return { network: addressBytes(address)!, prefix: Number(prefix), kind };
}

/** Where a webhook must not go unless allow-listed (RFC 6890 special-purpose ranges). */
const REFUSED: readonly Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared (CGNAT)'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('fc00::/7', 'private'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'),
  range('ff00::/8', 'multicast'),
];

/**
 * The refused kind of `address` (any textual form), or undefined for a public address.
 * An IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by
 * the IPv4 address too; an unparsable one counts as reserved.
 */
export function refusedKindOf(address: string): RefusedKind | undefined {
  const bytes = addressBytes(address);
  if (bytes === undefined) return 'reserved';
  const own = REFUSED.find((r) => inPrefix(bytes, r.network, r.prefix))?.kind;
  if (own !== undefined) return own;
  const v4 = embeddedIpv4(bytes);
  return v4 && REFUSED.find((r) => inPrefix(v4, r.network, r.prefix))?.kind;
}

/** Whether `address` (or the IPv4 address it embeds) lies in one of the `cidrs`. */
export function inAnyCidr(address: string, cidrs: readonly string[]): boolean {
  const bytes = addressBytes(address);
  if (bytes === undefined) return false;
  const v4 = embeddedIpv4(bytes);
  return cidrs.some((cidr) => {
    const { network, prefix } = range(cidr, 'reserved');
    return inPrefix(bytes, network, prefix) || (v4 !== undefined && inPrefix(v4, network, prefix));
  });
}

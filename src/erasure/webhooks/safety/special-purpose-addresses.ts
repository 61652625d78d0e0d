/**
 * What a refusal calls an address. Safe to show and log: it names a kind of block, never the
 * address itself (an operator's network layout stays private).
 */
type RefusedKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'tunnel or translation'
  | 'reserved';

/** A block of addresses a webhook is never sent to, unless `WEBHOOK_ALLOWED_HOSTS` lists it. */
export interface SpecialPurposeBlock {
  /** Network and prefix length, as IANA writes it. */
  readonly cidr: string;
  readonly kind: RefusedKind;
  /** The registry's name for the block. */
  readonly name: string;
  /** The RFC (and section) that defines it. */
  readonly source: string;
}

const block = (
  cidr: string,
  kind: RefusedKind,
  name: string,
  source: string,
): SpecialPurposeBlock => ({ cidr, kind, name, source });

/**
 * Every entry of the IANA IPv4 Special-Purpose Address Registry
 * (iana-ipv4-special-registry, RFC 6890 / RFC 8190; page last updated 2025-10-09), plus
 * multicast from the IPv4 Multicast Address Space registry. All are refused, including the
 * few the registry marks globally reachable (anycast service addresses and AS112/AMT
 * blocks): none of them is where a processor receives webhooks (docs/adr/0025).
 */
export const IPV4_REFUSED: readonly SpecialPurposeBlock[] = [
  block('0.0.0.0/8', 'unspecified', '"This network"', 'RFC 791 §3.2'),
  block('0.0.0.0/32', 'unspecified', '"This host on this network"', 'RFC 1122 §3.2.1.3'),
  block('10.0.0.0/8', 'private', 'Private-Use', 'RFC 1918'),
  block('100.64.0.0/10', 'shared (CGNAT)', 'Shared Address Space', 'RFC 6598'),
  block('127.0.0.0/8', 'loopback', 'Loopback', 'RFC 1122 §3.2.1.3'),
  block('169.254.0.0/16', 'link-local', 'Link Local', 'RFC 3927'),
  block('172.16.0.0/12', 'private', 'Private-Use', 'RFC 1918'),
  block('192.0.0.0/24', 'reserved', 'IETF Protocol Assignments', 'RFC 6890 §2.1'),
  block('192.0.0.0/29', 'reserved', 'IPv4 Service Continuity Prefix', 'RFC 7335'),
  block('192.0.0.8/32', 'reserved', 'IPv4 dummy address', 'RFC 7600'),
  block('192.0.0.9/32', 'reserved', 'Port Control Protocol Anycast', 'RFC 7723'),
  block('192.0.0.10/32', 'reserved', 'Traversal Using Relays around NAT Anycast', 'RFC 8155'),
  block('192.0.0.170/32', 'reserved', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 §2.2'),
  block('192.0.0.171/32', 'reserved', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 §2.2'),
  block('192.0.2.0/24', 'documentation', 'Documentation (TEST-NET-1)', 'RFC 5737'),
  block('192.31.196.0/24', 'reserved', 'AS112-v4', 'RFC 7535'),
  block('192.52.193.0/24', 'reserved', 'AMT', 'RFC 7450'),
  // Terminated 2015-03 but still listed: anything there is a 6to4 relay, i.e. a tunnel.
  block('192.88.99.0/24', 'tunnel or translation', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526'),
  block('192.88.99.2/32', 'tunnel or translation', '6a44-relay anycast address', 'RFC 6751'),
  block('192.168.0.0/16', 'private', 'Private-Use', 'RFC 1918'),
  block('192.175.48.0/24', 'reserved', 'Direct Delegation AS112 Service', 'RFC 7534'),
  block('198.18.0.0/15', 'benchmarking', 'Benchmarking', 'RFC 2544'),
  block('198.51.100.0/24', 'documentation', 'Documentation (TEST-NET-2)', 'RFC 5737'),
  block('203.0.113.0/24', 'documentation', 'Documentation (TEST-NET-3)', 'RFC 5737'),
  block('240.0.0.0/4', 'reserved', 'Reserved', 'RFC 1112 §4'),
  block('255.255.255.255/32', 'broadcast', 'Limited Broadcast', 'RFC 8190, RFC 919 §7'),
  // Not in the special-purpose registry: the IPv4 Multicast Address Space registry.
  block('224.0.0.0/4', 'multicast', 'Multicast', 'RFC 5771'),
];

/**
 * The NAT64 well-known prefix (RFC 6052 §2.1; IANA: "IPv4-IPv6 Translat.", globally
 * reachable). Not refused as a block: on an IPv6-only network with DNS64 every IPv4-only
 * host resolves into it. The IPv4 address in its last 32 bits decides instead, against
 * `IPV4_REFUSED` (docs/adr/0025).
 */
export const NAT64_WELL_KNOWN_PREFIX = { network: '64:ff9b::', length: 96 } as const;

/**
 * Every entry of the IANA IPv6 Special-Purpose Address Registry
 * (iana-ipv6-special-registry, RFC 6890 / RFC 8190; page last updated 2025-10-09) but the
 * NAT64 well-known prefix above, plus the forms that embed an IPv4 address outside the
 * registry, multicast and deprecated site-local, and everything outside global unicast
 * 2000::/3 (IANA IPv6 Address Space registry). Forms that embed an IPv4 address are refused
 * whole (docs/adr/0025): a translator or tunnel may deliver them anywhere.
 */
export const IPV6_REFUSED: readonly SpecialPurposeBlock[] = [
  block('::1/128', 'loopback', 'Loopback Address', 'RFC 4291'),
  block('::/128', 'unspecified', 'Unspecified Address', 'RFC 4291'),
  block('::ffff:0:0/96', 'tunnel or translation', 'IPv4-mapped Address', 'RFC 4291'),
  block('64:ff9b:1::/48', 'tunnel or translation', 'IPv4-IPv6 Translat. (local use)', 'RFC 8215'),
  block('100::/64', 'reserved', 'Discard-Only Address Block', 'RFC 6666'),
  block('100:0:0:1::/64', 'reserved', 'Dummy IPv6 Prefix', 'RFC 9780'),
  block('2001::/23', 'reserved', 'IETF Protocol Assignments', 'RFC 2928'),
  block('2001::/32', 'tunnel or translation', 'TEREDO', 'RFC 4380, RFC 8190'),
  block('2001:1::1/128', 'reserved', 'Port Control Protocol Anycast', 'RFC 7723'),
  block('2001:1::2/128', 'reserved', 'Traversal Using Relays around NAT Anycast', 'RFC 8155'),
  block('2001:1::3/128', 'reserved', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665'),
  block('2001:2::/48', 'benchmarking', 'Benchmarking', 'RFC 5180, RFC Errata 1752'),
  block('2001:3::/32', 'reserved', 'AMT', 'RFC 7450'),
  block('2001:4:112::/48', 'reserved', 'AS112-v6', 'RFC 7535'),
  block('2001:10::/28', 'reserved', 'Deprecated (previously ORCHID)', 'RFC 4843'),
  block('2001:20::/28', 'reserved', 'ORCHIDv2', 'RFC 7343'),
  block('2001:30::/28', 'reserved', 'Drone Remote ID Protocol Entity Tags (DETs)', 'RFC 9374'),
  block('2001:db8::/32', 'documentation', 'Documentation', 'RFC 3849'),
  block('2002::/16', 'tunnel or translation', '6to4', 'RFC 3056'),
  block('2620:4f:8000::/48', 'reserved', 'Direct Delegation AS112 Service', 'RFC 7534'),
  block('3fff::/20', 'documentation', 'Documentation', 'RFC 9637'),
  block('5f00::/16', 'reserved', 'Segment Routing (SRv6) SIDs', 'RFC 9602'),
  block('fc00::/7', 'private', 'Unique-Local', 'RFC 4193, RFC 8190'),
  block('fe80::/10', 'link-local', 'Link-Local Unicast', 'RFC 4291'),
  // Not in the special-purpose registry.
  block('::/96', 'tunnel or translation', 'IPv4-compatible (deprecated)', 'RFC 4291 §2.5.5.1'),
  block('::ffff:0:0:0/96', 'tunnel or translation', 'IPv4-translated', 'RFC 2765 §2.1'),
  block('fec0::/10', 'private', 'Site-Local (deprecated)', 'RFC 3879'),
  block('ff00::/8', 'multicast', 'Multicast', 'RFC 4291 §2.7'),
  // Outside 2000::/3, the only space allocated for global unicast (RFC 4291 §2.4; the
  // rest of the IPv6 Address Space registry is reserved by the IETF or named above).
  block('::/3', 'reserved', 'Reserved by IETF (outside global unicast)', 'RFC 4291'),
  block('4000::/2', 'reserved', 'Reserved by IETF (outside global unicast)', 'RFC 4291'),
  block('8000::/1', 'reserved', 'Reserved by IETF (outside global unicast)', 'RFC 4291'),
];

import { BlockList } from 'node:net';
import { type IpAddress, subnetOf } from './ip-address';
import {
  IPV4_REFUSED,
  IPV6_REFUSED,
  NAT64_WELL_KNOWN_PREFIX,
  type SpecialPurposeBlock,
} from './special-purpose-addresses';

/** One block with a `BlockList` holding it alone, so a match can name the block. */
interface Matcher {
  readonly block: SpecialPurposeBlock;
  readonly length: number;
  readonly list: BlockList;
}

function matchersOf(
  blocks: readonly SpecialPurposeBlock[],
  family: IpAddress['family'],
): readonly Matcher[] {
  const matchers = blocks.map((block) => {
    const subnet = subnetOf(block.cidr);
    if (subnet?.network.family !== family) {
      throw new Error(`special-purpose table: ${block.cidr} is not an ${family} CIDR`);
    }
    const list = new BlockList();
    list.addSubnet(subnet.network.text, subnet.length, family);
    return { block, length: subnet.length, list };
  });
  // Most specific first, so that a refusal names the narrowest block (e.g. Teredo, not the
  // IETF Protocol Assignments block around it).
  return matchers.sort((a, b) => b.length - a.length);
}

/**
 * The IPv4 blocks again, inside the NAT64 well-known prefix (`64:ff9b::a.b.c.d/96+n`), so
 * that the embedded IPv4 address is judged by a `BlockList` rule of its own, with no
 * parsing of ours.
 */
const NAT64_EMBEDDED: readonly SpecialPurposeBlock[] = IPV4_REFUSED.map((v4) => {
  const [network = '', length = ''] = v4.cidr.split('/');
  return {
    ...v4,
    cidr: `${NAT64_WELL_KNOWN_PREFIX.network}${network}/${NAT64_WELL_KNOWN_PREFIX.length + Number(length)}`,
    name: `${v4.name}, through NAT64`,
    source: `${v4.source}; RFC 6052`,
  };
});

/*
 * Each family is checked only against rules of its own family: `net.BlockList` matches an
 * IPv4 rule against an IPv4-mapped IPv6 address and an IPv6 `::ffff:0:0/96` rule against
 * every IPv4 address, so one mixed list would refuse all of IPv4 (docs/adr/0025).
 */
const IPV4 = matchersOf(IPV4_REFUSED, 'ipv4');
const IPV6 = matchersOf(IPV6_REFUSED, 'ipv6');
const NAT64 = matchersOf(NAT64_EMBEDDED, 'ipv6');
const NAT64_PREFIX = new BlockList();
NAT64_PREFIX.addSubnet(NAT64_WELL_KNOWN_PREFIX.network, NAT64_WELL_KNOWN_PREFIX.length, 'ipv6');

/**
 * The most specific refused block `address` lies in, or undefined for a public address.
 * An address in the NAT64 well-known prefix is judged by the IPv4 address it carries.
 */
export function refusedBlockOf(address: IpAddress): SpecialPurposeBlock | undefined {
  const { text, family } = address;
  const matchers = family === 'ipv4' ? IPV4 : NAT64_PREFIX.check(text, 'ipv6') ? NAT64 : IPV6;
  return matchers.find((m) => m.list.check(text, family))?.block;
}

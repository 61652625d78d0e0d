import { BlockList } from 'node:net';
import { type IpAddress, subnetOf } from './ip-address';

/** The IP addresses and CIDR ranges of `WEBHOOK_ALLOWED_HOSTS`, exempt from the refusals. */
interface AllowedAddresses {
  includes(address: IpAddress): boolean;
}

const cache = new WeakMap<readonly string[], AllowedAddresses>();

/**
 * The allow-list of `cidrs` (built once per settings). Each family is checked against its
 * own list only (see refused-addresses.ts); an IPv4 range also admits the IPv4-mapped form
 * of its addresses (`::ffff:a.b.c.d`), which a socket delivers to the same destination.
 */
export function allowedAddressesOf(cidrs: readonly string[]): AllowedAddresses {
  let allowed = cache.get(cidrs);
  if (allowed === undefined) {
    allowed = build(cidrs);
    cache.set(cidrs, allowed);
  }
  return allowed;
}

function build(cidrs: readonly string[]): AllowedAddresses {
  const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const cidr of cidrs) {
    // The settings reader checked every entry; one that still does not parse exempts nothing.
    const subnet = subnetOf(cidr);
    if (subnet === undefined) continue;
    const { network, length } = subnet;
    lists[network.family].addSubnet(network.text, length, network.family);
    if (network.family === 'ipv4')
      lists.ipv6.addSubnet(`::ffff:${network.text}`, 96 + length, 'ipv6');
  }
  return { includes: ({ text, family }) => lists[family].check(text, family) };
}

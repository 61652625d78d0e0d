import { isIP } from 'node:net';

/** An IP address as `net.BlockList` takes it. */
export interface IpAddress {
  readonly text: string;
  readonly family: 'ipv4' | 'ipv6';
}

/**
 * `text` as an address, in any form `node:net` accepts (compressed, expanded, mixed dotted,
 * either case), or undefined when it is not one (leading zeros, short forms like `127.1`,
 * brackets). An IPv6 zone id (`%eth0`) is dropped: it names an interface, not an address.
 */
export function ipAddressOf(text: string): IpAddress | undefined {
  switch (isIP(text)) {
    case 4:
      return { text, family: 'ipv4' };
    case 6:
      return { text: text.split('%')[0]!, family: 'ipv6' };
    default:
      return undefined;
  }
}

/** `network/length` as an address and a prefix length, or undefined when it is not a CIDR. */
export function subnetOf(
  cidr: string,
): { readonly network: IpAddress; readonly length: number } | undefined {
  const [text = '', length, extra] = cidr.split('/');
  const network = ipAddressOf(text);
  if (network === undefined || extra !== undefined || !/^\d{1,3}$/.test(length ?? '')) {
    return undefined;
  }
  const prefix = Number(length);
  return prefix > (network.family === 'ipv4' ? 32 : 128) ? undefined : { network, length: prefix };
}

import { BlockList } from 'node:net';
import { ipAddressOf } from './ip-address';
import { refusedBlockOf } from './refused-addresses';
import { IPV4_REFUSED, IPV6_REFUSED } from './special-purpose-addresses';

/*
 * Pure: the addresses below are data for the classifier; nothing is resolved or contacted.
 * The expected rows were computed apart from this code (Python's `ipaddress`: each block's
 * first and last address, and the kind of the most specific block holding it).
 */

/** The kind `text` is refused as, undefined when it is public, 'not an address' when unparsable. */
function verdict(text: string): string | undefined {
  const address = ipAddressOf(text);
  return address === undefined ? 'not an address' : refusedBlockOf(address)?.kind;
}

/** [block, first or last address, kind of the most specific block holding it]. */
const EDGES: [string, string, string][] = [
  ['0.0.0.0/8', '0.0.0.0', 'unspecified'],
  ['0.0.0.0/8', '0.255.255.255', 'unspecified'],
  ['0.0.0.0/32', '0.0.0.0', 'unspecified'],
  ['10.0.0.0/8', '10.0.0.0', 'private'],
  ['10.0.0.0/8', '10.255.255.255', 'private'],
  ['100.64.0.0/10', '100.64.0.0', 'shared (CGNAT)'],
  ['100.64.0.0/10', '100.127.255.255', 'shared (CGNAT)'],
  ['127.0.0.0/8', '127.0.0.0', 'loopback'],
  ['127.0.0.0/8', '127.255.255.255', 'loopback'],
  ['169.254.0.0/16', '169.254.0.0', 'link-local'],
  ['169.254.0.0/16', '169.254.255.255', 'link-local'],
  ['172.16.0.0/12', '172.16.0.0', 'private'],
  ['172.16.0.0/12', '172.31.255.255', 'private'],
  ['192.0.0.0/24', '192.0.0.0', 'reserved'],
  ['192.0.0.0/24', '192.0.0.255', 'reserved'],
  ['192.0.0.0/29', '192.0.0.0', 'reserved'],
  ['192.0.0.0/29', '192.0.0.7', 'reserved'],
  ['192.0.0.8/32', '192.0.0.8', 'reserved'],
  ['192.0.0.9/32', '192.0.0.9', 'reserved'],
  ['192.0.0.10/32', '192.0.0.10', 'reserved'],
  ['192.0.0.170/32', '192.0.0.170', 'reserved'],
  ['192.0.0.171/32', '192.0.0.171', 'reserved'],
  ['192.0.2.0/24', '192.0.2.0', 'documentation'],
  ['192.0.2.0/24', '192.0.2.255', 'documentation'],
  ['192.31.196.0/24', '192.31.196.0', 'reserved'],
  ['192.31.196.0/24', '192.31.196.255', 'reserved'],
  ['192.52.193.0/24', '192.52.193.0', 'reserved'],
  ['192.52.193.0/24', '192.52.193.255', 'reserved'],
  ['192.88.99.0/24', '192.88.99.0', 'tunnel or translation'],
  ['192.88.99.0/24', '192.88.99.255', 'tunnel or translation'],
  ['192.88.99.2/32', '192.88.99.2', 'tunnel or translation'],
  ['192.168.0.0/16', '192.168.0.0', 'private'],
  ['192.168.0.0/16', '192.168.255.255', 'private'],
  ['192.175.48.0/24', '192.175.48.0', 'reserved'],
  ['192.175.48.0/24', '192.175.48.255', 'reserved'],
  ['198.18.0.0/15', '198.18.0.0', 'benchmarking'],
  ['198.18.0.0/15', '198.19.255.255', 'benchmarking'],
  ['198.51.100.0/24', '198.51.100.0', 'documentation'],
  ['198.51.100.0/24', '198.51.100.255', 'documentation'],
  ['203.0.113.0/24', '203.0.113.0', 'documentation'],
  ['203.0.113.0/24', '203.0.113.255', 'documentation'],
  ['240.0.0.0/4', '240.0.0.0', 'reserved'],
  ['240.0.0.0/4', '255.255.255.255', 'broadcast'],
  ['255.255.255.255/32', '255.255.255.255', 'broadcast'],
  ['224.0.0.0/4', '224.0.0.0', 'multicast'],
  ['224.0.0.0/4', '239.255.255.255', 'multicast'],
  ['::1/128', '::1', 'loopback'],
  ['::/128', '::', 'unspecified'],
  ['::ffff:0:0/96', '::ffff:0:0', 'tunnel or translation'],
  ['::ffff:0:0/96', '::ffff:ffff:ffff', 'tunnel or translation'],
  ['64:ff9b:1::/48', '64:ff9b:1::', 'tunnel or translation'],
  ['64:ff9b:1::/48', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'tunnel or translation'],
  ['100::/64', '100::', 'reserved'],
  ['100::/64', '100::ffff:ffff:ffff:ffff', 'reserved'],
  ['100:0:0:1::/64', '100:0:0:1::', 'reserved'],
  ['100:0:0:1::/64', '100::1:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001::/23', '2001::', 'tunnel or translation'],
  ['2001::/23', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001::/32', '2001::', 'tunnel or translation'],
  ['2001::/32', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff', 'tunnel or translation'],
  ['2001:1::1/128', '2001:1::1', 'reserved'],
  ['2001:1::2/128', '2001:1::2', 'reserved'],
  ['2001:1::3/128', '2001:1::3', 'reserved'],
  ['2001:2::/48', '2001:2::', 'benchmarking'],
  ['2001:2::/48', '2001:2:0:ffff:ffff:ffff:ffff:ffff', 'benchmarking'],
  ['2001:3::/32', '2001:3::', 'reserved'],
  ['2001:3::/32', '2001:3:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001:4:112::/48', '2001:4:112::', 'reserved'],
  ['2001:4:112::/48', '2001:4:112:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001:10::/28', '2001:10::', 'reserved'],
  ['2001:10::/28', '2001:1f:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001:20::/28', '2001:20::', 'reserved'],
  ['2001:20::/28', '2001:2f:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001:30::/28', '2001:30::', 'reserved'],
  ['2001:30::/28', '2001:3f:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2001:db8::/32', '2001:db8::', 'documentation'],
  ['2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation'],
  ['2002::/16', '2002::', 'tunnel or translation'],
  ['2002::/16', '2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'tunnel or translation'],
  ['2620:4f:8000::/48', '2620:4f:8000::', 'reserved'],
  ['2620:4f:8000::/48', '2620:4f:8000:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['3fff::/20', '3fff::', 'documentation'],
  ['3fff::/20', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation'],
  ['5f00::/16', '5f00::', 'reserved'],
  ['5f00::/16', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['fc00::/7', 'fc00::', 'private'],
  ['fc00::/7', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private'],
  ['fe80::/10', 'fe80::', 'link-local'],
  ['fe80::/10', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'link-local'],
  ['::/96', '::', 'unspecified'],
  ['::/96', '::ffff:ffff', 'tunnel or translation'],
  ['::ffff:0:0:0/96', '::ffff:0:0:0', 'tunnel or translation'],
  ['::ffff:0:0:0/96', '::ffff:0:ffff:ffff', 'tunnel or translation'],
  ['fec0::/10', 'fec0::', 'private'],
  ['fec0::/10', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private'],
  ['ff00::/8', 'ff00::', 'multicast'],
  ['ff00::/8', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast'],
  ['::/3', '::', 'unspecified'],
  ['::/3', '1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['4000::/2', '4000::', 'reserved'],
  ['4000::/2', '7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['8000::/1', '8000::', 'reserved'],
  ['8000::/1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast'],
];

/** The IPv4 rows' addresses inside the NAT64 well-known prefix 64:ff9b::/96. */
const NAT64_EDGES: [string, string, string][] = [
  ['0.0.0.0/8', '64:ff9b::', 'unspecified'],
  ['0.0.0.0/8', '64:ff9b::ff:ffff', 'unspecified'],
  ['0.0.0.0/32', '64:ff9b::', 'unspecified'],
  ['10.0.0.0/8', '64:ff9b::a00:0', 'private'],
  ['10.0.0.0/8', '64:ff9b::aff:ffff', 'private'],
  ['100.64.0.0/10', '64:ff9b::6440:0', 'shared (CGNAT)'],
  ['100.64.0.0/10', '64:ff9b::647f:ffff', 'shared (CGNAT)'],
  ['127.0.0.0/8', '64:ff9b::7f00:0', 'loopback'],
  ['127.0.0.0/8', '64:ff9b::7fff:ffff', 'loopback'],
  ['169.254.0.0/16', '64:ff9b::a9fe:0', 'link-local'],
  ['169.254.0.0/16', '64:ff9b::a9fe:ffff', 'link-local'],
  ['172.16.0.0/12', '64:ff9b::ac10:0', 'private'],
  ['172.16.0.0/12', '64:ff9b::ac1f:ffff', 'private'],
  ['192.0.0.0/24', '64:ff9b::c000:0', 'reserved'],
  ['192.0.0.0/24', '64:ff9b::c000:ff', 'reserved'],
  ['192.0.0.0/29', '64:ff9b::c000:0', 'reserved'],
  ['192.0.0.0/29', '64:ff9b::c000:7', 'reserved'],
  ['192.0.0.8/32', '64:ff9b::c000:8', 'reserved'],
  ['192.0.0.9/32', '64:ff9b::c000:9', 'reserved'],
  ['192.0.0.10/32', '64:ff9b::c000:a', 'reserved'],
  ['192.0.0.170/32', '64:ff9b::c000:aa', 'reserved'],
  ['192.0.0.171/32', '64:ff9b::c000:ab', 'reserved'],
  ['192.0.2.0/24', '64:ff9b::c000:200', 'documentation'],
  ['192.0.2.0/24', '64:ff9b::c000:2ff', 'documentation'],
  ['192.31.196.0/24', '64:ff9b::c01f:c400', 'reserved'],
  ['192.31.196.0/24', '64:ff9b::c01f:c4ff', 'reserved'],
  ['192.52.193.0/24', '64:ff9b::c034:c100', 'reserved'],
  ['192.52.193.0/24', '64:ff9b::c034:c1ff', 'reserved'],
  ['192.88.99.0/24', '64:ff9b::c058:6300', 'tunnel or translation'],
  ['192.88.99.0/24', '64:ff9b::c058:63ff', 'tunnel or translation'],
  ['192.88.99.2/32', '64:ff9b::c058:6302', 'tunnel or translation'],
  ['192.168.0.0/16', '64:ff9b::c0a8:0', 'private'],
  ['192.168.0.0/16', '64:ff9b::c0a8:ffff', 'private'],
  ['192.175.48.0/24', '64:ff9b::c0af:3000', 'reserved'],
  ['192.175.48.0/24', '64:ff9b::c0af:30ff', 'reserved'],
  ['198.18.0.0/15', '64:ff9b::c612:0', 'benchmarking'],
  ['198.18.0.0/15', '64:ff9b::c613:ffff', 'benchmarking'],
  ['198.51.100.0/24', '64:ff9b::c633:6400', 'documentation'],
  ['198.51.100.0/24', '64:ff9b::c633:64ff', 'documentation'],
  ['203.0.113.0/24', '64:ff9b::cb00:7100', 'documentation'],
  ['203.0.113.0/24', '64:ff9b::cb00:71ff', 'documentation'],
  ['240.0.0.0/4', '64:ff9b::f000:0', 'reserved'],
  ['240.0.0.0/4', '64:ff9b::ffff:ffff', 'broadcast'],
  ['255.255.255.255/32', '64:ff9b::ffff:ffff', 'broadcast'],
  ['224.0.0.0/4', '64:ff9b::e000:0', 'multicast'],
  ['224.0.0.0/4', '64:ff9b::efff:ffff', 'multicast'],
];

/** The addresses just outside a block that lie in no other: public. */
const NEIGHBOURS = [
  '1.0.0.0',
  '9.255.255.255',
  '11.0.0.0',
  '100.63.255.255',
  '100.128.0.0',
  '126.255.255.255',
  '128.0.0.0',
  '169.253.255.255',
  '169.255.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '191.255.255.255',
  '192.0.1.0',
  '192.0.1.255',
  '192.0.3.0',
  '192.31.195.255',
  '192.31.197.0',
  '192.52.192.255',
  '192.52.194.0',
  '192.88.98.255',
  '192.88.100.0',
  '192.167.255.255',
  '192.169.0.0',
  '192.175.47.255',
  '192.175.49.0',
  '198.17.255.255',
  '198.20.0.0',
  '198.51.99.255',
  '198.51.101.0',
  '203.0.112.255',
  '203.0.114.0',
  '223.255.255.255',
  '2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '2001:200::',
  '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
  '2001:db9::',
  '2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '2003::',
  '2620:4f:7fff:ffff:ffff:ffff:ffff:ffff',
  '2620:4f:8001::',
  '3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '3fff:1000::',
  '2000::',
  '3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

const PUBLIC = [
  '1.1.1.1',
  '8.8.8.8',
  '93.184.215.14',
  '100.128.0.1',
  '172.32.0.1',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2a00:1450:4001:82b::200e',
  '64:ff9b::8.8.8.8',
  '64:ff9b::101:101',
];

describe('the refused blocks', () => {
  it('are tested here, every one of them, and nothing else', () => {
    const tested = [...new Set(EDGES.map(([cidr]) => cidr))].sort();
    const table = [...IPV4_REFUSED, ...IPV6_REFUSED].map((b) => b.cidr).sort();
    expect(tested).toEqual(table);
  });

  it.each(EDGES)('%s: refuses %s as %s', (_cidr, address, kind) => {
    expect(verdict(address)).toBe(kind);
  });

  it.each(NAT64_EDGES)(
    '%s through the NAT64 well-known prefix: refuses %s as %s',
    (_cidr, address, kind) => {
      expect(verdict(address)).toBe(kind);
    },
  );

  it.each(EDGES.filter(([cidr]) => !cidr.includes(':')))(
    '%s in its IPv4-mapped form: refuses ::ffff:%s whole',
    (_cidr, address) => {
      expect(verdict(`::ffff:${address}`)).toBe('tunnel or translation');
    },
  );

  it.each([...NEIGHBOURS, ...PUBLIC])('accepts the public address %s', (address) => {
    expect(verdict(address)).toBeUndefined();
  });

  it('names a registry block and its RFC for every refusal', () => {
    expect(refusedBlockOf(ipAddressOf('64:ff9b:1::a9fe:a9fe')!)).toEqual({
      cidr: '64:ff9b:1::/48',
      kind: 'tunnel or translation',
      name: 'IPv4-IPv6 Translat. (local use)',
      source: 'RFC 8215',
    });
    expect(refusedBlockOf(ipAddressOf('64:ff9b::a9fe:a9fe')!)).toMatchObject({
      kind: 'link-local',
      name: 'Link Local, through NAT64',
      source: 'RFC 3927; RFC 6052',
    });
  });
});

describe('textual forms', () => {
  it('refuses the two reproducers of issue #13', () => {
    expect(verdict('64:ff9b:1::a9fe:a9fe')).toBe('tunnel or translation');
    expect(verdict('::ffff:0:7f00:1')).toBe('tunnel or translation');
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', 'loopback'],
    ['0::0:1', 'loopback'],
    ['::0001', 'loopback'],
    ['FE80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['FE80::A:B%25eth0', 'link-local'],
    ['fe80:0:0:0:0:0:0:1%1', 'link-local'],
    ['::FFFF:127.0.0.1', 'tunnel or translation'],
    ['::ffff:7f00:1', 'tunnel or translation'],
    ['0:0:0:0:0:FFFF:7F00:0001', 'tunnel or translation'],
    ['::ffff:127.0.0.1%eth0', 'tunnel or translation'],
    ['::ffff:8.8.8.8', 'tunnel or translation'],
    ['::127.0.0.1', 'tunnel or translation'],
    ['::8.8.8.8', 'tunnel or translation'],
    ['::ffff:0:8.8.8.8', 'tunnel or translation'],
    ['2002:7f00:1::1', 'tunnel or translation'],
    ['2002:808:808::1', 'tunnel or translation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'tunnel or translation'],
    ['64:FF9B::127.0.0.1', 'loopback'],
    ['64:ff9b:0:0:0:0:7f00:1', 'loopback'],
    ['0064:ff9b::7f00:0001', 'loopback'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::', 'unspecified'],
    ['64:ff9b::ffff:ffff', 'broadcast'],
    ['FD12:3456::1', 'private'],
    ['FF02::1', 'multicast'],
  ])('%s is refused as %s', (address, kind) => {
    expect(verdict(address)).toBe(kind);
  });

  it.each([
    '0127.0.0.1',
    '127.1',
    '127.000.0.1',
    '0x7f.0.0.1',
    '2130706433',
    '127.0.0.1.',
    '[::1]',
    ' ::1',
    '::1 ',
    '1.2.3.4%eth0',
    'fe80::1%',
    '::ffff:127.0.0.01',
    '1:2:3:4:5:6:7:8:9',
    '12345::1',
    'localhost',
    '',
  ])('refuses %j, which node:net does not take for an address', (text) => {
    expect(verdict(text)).toBe('not an address');
  });
});

/*
 * Characterises net.BlockList on the Node this runs on; the classifier does not depend on
 * it (each family is checked against rules of its own family only), but this is why.
 */
describe('net.BlockList across families', () => {
  it('matches an IPv4 rule against IPv4-mapped IPv6, and a ::ffff:0:0/96 rule against IPv4', () => {
    const v4 = new BlockList();
    v4.addSubnet('127.0.0.0', 8, 'ipv4');
    expect(v4.check('::ffff:127.0.0.1', 'ipv6')).toBe(true);
    const mapped = new BlockList();
    mapped.addSubnet('::ffff:0:0', 96, 'ipv6');
    expect(mapped.check('8.8.8.8', 'ipv4')).toBe(true);
  });

  it('answers false, not an error, for what is not an address: so the classifier parses first', () => {
    const v4 = new BlockList();
    v4.addSubnet('127.0.0.0', 8, 'ipv4');
    expect(v4.check('0127.0.0.1', 'ipv4')).toBe(false);
  });
});

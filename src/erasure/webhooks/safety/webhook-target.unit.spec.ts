import type { HostResolver, ResolvedAddress } from './host-resolver';
import { refusedKindOf } from './refused-ranges';
import { checkWebhookTarget, type TargetRules } from './webhook-target';

/** A resolver that answers from a table and records what it was asked: no DNS, no traffic. */
function resolverOf(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (host: string): Promise<readonly ResolvedAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) return Promise.reject(new Error('ENOTFOUND'));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const),
    );
  };
  return Object.assign(resolve, { asked });
}

const STRICT: TargetRules = { allowHttp: false, allowedHosts: [], allowedCidrs: [] };

describe('refused address ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['::127.0.0.1', 'loopback'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedKindOf(address)).toBe(kind);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('accepts the public address %s', (address) => {
    expect(refusedKindOf(address)).toBeUndefined();
  });
});

describe('checkWebhookTarget', () => {
  const resolver = resolverOf({
    'processor.example': ['93.184.215.14', '2606:4700::1111'],
    'internal.example': ['10.0.0.7'],
    'mixed.example': ['93.184.215.14', '192.168.0.10'],
    'rebind.example': ['::ffff:127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'partner.internal': ['10.20.0.5'],
  });

  it('accepts an https URL whose every address is public, pinned to the first', async () => {
    const checked = await checkWebhookTarget(
      'https://processor.example/hooks?x=1#frag',
      STRICT,
      resolver,
    );
    expect(checked).toMatchObject({
      ok: true,
      address: { address: '93.184.215.14', family: 4 },
    });
    expect(checked.ok && checked.url.href).toBe('https://processor.example/hooks?x=1');
  });

  it.each([
    ['https://internal.example/h', 'private'],
    ['https://mixed.example/h', 'private'],
    ['https://rebind.example/h', 'loopback'],
    ['https://metadata.example/latest', 'link-local'],
    ['https://127.0.0.1/h', 'loopback'],
    ['https://[::1]/h', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/h', 'link-local'],
    ['https://100.100.100.100/h', 'shared (CGNAT)'],
    ['https://0.0.0.0/h', 'unspecified'],
  ])('refuses %s (resolves to a %s address)', async (url, kind) => {
    const checked = await checkWebhookTarget(url, STRICT, resolver);
    expect(checked).toMatchObject({ ok: false, kind: 'refused-address' });
    expect(!checked.ok && checked.message).toContain(`a ${kind} address`);
  });

  it('refuses http unless allowed, other schemes always, credentials and unresolvable hosts', async () => {
    expect(await checkWebhookTarget('http://processor.example/h', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'scheme',
    });
    const http = { ...STRICT, allowHttp: true };
    expect(await checkWebhookTarget('http://processor.example/h', http, resolver)).toMatchObject({
      ok: true,
    });
    expect(await checkWebhookTarget('ftp://processor.example/h', http, resolver)).toMatchObject({
      ok: false,
      kind: 'scheme',
    });
    expect(
      await checkWebhookTarget('https://user:pw@processor.example/h', STRICT, resolver),
    ).toMatchObject({ ok: false, kind: 'invalid-url' });
    expect(await checkWebhookTarget('not a url', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'invalid-url',
    });
    expect(await checkWebhookTarget('https://nowhere.example/h', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'unresolvable',
    });
  });

  it('accepts a refused range when the host or the range is allow-listed', async () => {
    const byHost = { ...STRICT, allowedHosts: ['partner.internal'] };
    expect(await checkWebhookTarget('https://partner.internal/h', byHost, resolver)).toMatchObject({
      ok: true,
      address: { address: '10.20.0.5' },
    });
    expect(await checkWebhookTarget('https://internal.example/h', byHost, resolver)).toMatchObject({
      ok: false,
    });
    const byRange = { ...STRICT, allowedCidrs: ['10.0.0.0/24', '127.0.0.1/32'] };
    expect(await checkWebhookTarget('https://internal.example/h', byRange, resolver)).toMatchObject(
      {
        ok: true,
      },
    );
    // A mapped address is judged by the IPv4 address it stands for, in the allow-list too.
    expect(await checkWebhookTarget('https://rebind.example/h', byRange, resolver)).toMatchObject({
      ok: true,
    });
    expect(await checkWebhookTarget('https://partner.internal/h', byRange, resolver)).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it('does not resolve IP literals', async () => {
    const quiet = resolverOf({});
    await checkWebhookTarget('https://10.0.0.1/h', STRICT, quiet);
    await checkWebhookTarget('https://[fe80::1]/h', STRICT, quiet);
    expect(quiet.asked).toEqual([]);
  });
});

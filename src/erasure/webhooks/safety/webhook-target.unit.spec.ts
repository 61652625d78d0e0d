import type { HostResolver, ResolvedAddress } from './host-resolver';
import { checkWebhookTarget, type TargetRules } from './webhook-target';

/*
 * Pure: the resolver answers from a table and nothing is contacted; the addresses are data.
 * The blocks themselves are tested in refused-addresses.unit.spec.ts.
 */

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

describe('checkWebhookTarget', () => {
  const resolver = resolverOf({
    'processor.example': ['93.184.215.14', '2606:4700::1111'],
    'internal.example': ['10.0.0.7'],
    'mixed.example': ['93.184.215.14', '192.168.0.10'],
    'rebind.example': ['::ffff:127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'nat64.example': ['64:ff9b::5db8:d70e'],
    'nat64-private.example': ['64:ff9b::a00:7'],
    'teredo.example': ['2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    'zoned.example': ['fe80::1%eth0'],
    'garbage.example': ['not-an-address'],
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
    ['https://rebind.example/h', 'tunnel or translation'],
    ['https://metadata.example/latest', 'link-local'],
    ['https://127.0.0.1/h', 'loopback'],
    ['https://[::1]/h', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/h', 'tunnel or translation'],
    ['https://[64:ff9b:1::a9fe:a9fe]/h', 'tunnel or translation'],
    ['https://[::ffff:0:7f00:1]/h', 'tunnel or translation'],
    ['https://[64:ff9b::a9fe:a9fe]/h', 'link-local'],
    ['https://[0:0:0:0:0:0:0:1]/h', 'loopback'],
    ['https://0x7f.1/h', 'loopback'],
    ['https://2130706433/h', 'loopback'],
    ['https://0177.0.0.1/h', 'loopback'],
    ['https://[FE80::1]/h', 'link-local'],
    ['https://192.0.2.1/h', 'documentation'],
    ['https://[2001:db8::1]/h', 'documentation'],
    ['https://nat64-private.example/h', 'private'],
    ['https://teredo.example/h', 'tunnel or translation'],
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
    // An allowed IPv4 range admits the IPv4-mapped form of its addresses: the same destination.
    expect(await checkWebhookTarget('https://rebind.example/h', byRange, resolver)).toMatchObject({
      ok: true,
    });
    expect(await checkWebhookTarget('https://partner.internal/h', byRange, resolver)).toMatchObject(
      {
        ok: false,
      },
    );
    // …but not its NAT64 form, which goes through a translator: list that range itself.
    expect(
      await checkWebhookTarget('https://nat64-private.example/h', byRange, resolver),
    ).toMatchObject({ ok: false, kind: 'refused-address' });
    const v6 = { ...STRICT, allowedCidrs: ['64:ff9b::a00:0/120', 'fe80::/10', '64:ff9b:1::/48'] };
    for (const url of [
      'https://nat64-private.example/h',
      'https://zoned.example/h',
      'https://[64:ff9b:1::a9fe:a9fe]/h',
    ]) {
      expect({ url, checked: await checkWebhookTarget(url, v6, resolver) }).toMatchObject({
        url,
        checked: { ok: true },
      });
    }
  });

  it('accepts a NAT64 address that carries a public IPv4 address (DNS64)', async () => {
    expect(await checkWebhookTarget('https://nat64.example/h', STRICT, resolver)).toMatchObject({
      ok: true,
      address: { address: '64:ff9b::5db8:d70e', family: 6 },
    });
    expect(
      await checkWebhookTarget('https://[64:ff9b::8.8.8.8]/h', STRICT, resolver),
    ).toMatchObject({ ok: true });
  });

  it('refuses a resolver answer that is not an address, and a zone id in a URL', async () => {
    expect(await checkWebhookTarget('https://garbage.example/h', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'refused-address',
    });
    expect(await checkWebhookTarget('https://zoned.example/h', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'refused-address',
    });
    expect(await checkWebhookTarget('https://[fe80::1%25eth0]/h', STRICT, resolver)).toMatchObject({
      ok: false,
      kind: 'invalid-url',
    });
  });

  it('does not resolve IP literals', async () => {
    const quiet = resolverOf({});
    await checkWebhookTarget('https://10.0.0.1/h', STRICT, quiet);
    await checkWebhookTarget('https://[fe80::1]/h', STRICT, quiet);
    expect(quiet.asked).toEqual([]);
  });
});

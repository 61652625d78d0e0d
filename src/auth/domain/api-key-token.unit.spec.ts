import { formatApiKey, parseApiKey, publicPrefix } from './api-key-token';

const SECRET = 'A'.repeat(42) + '_';

describe('API key tokens', () => {
  it('round-trips through the text form', () => {
    const token = { tenantId: 'acme-eu', keyId: '0123456789abcdef', secret: SECRET };
    expect(parseApiKey(formatApiKey(token))).toEqual(token);
    expect(publicPrefix(token)).toBe('clk_acme-eu_0123456789abcdef');
  });

  it.each([
    ['no prefix', `acme_0123456789abcdef_${SECRET}`],
    ['upper-case tenant', `clk_Acme_0123456789abcdef_${SECRET}`],
    ['short key id', `clk_acme_0123456789abcde_${SECRET}`],
    ['short secret', `clk_acme_0123456789abcdef_${SECRET.slice(1)}`],
    ['long secret', `clk_acme_0123456789abcdef_${SECRET}x`],
    ['bad secret character', `clk_acme_0123456789abcdef_${SECRET.slice(1)}=`],
    ['empty', ''],
  ])('refuses %s', (_, value) => {
    expect(parseApiKey(value)).toBeUndefined();
  });
});

import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { ReceiptKeyFileError, ReceiptKeys } from './receipt-keys';

describe('receipt keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'receipt-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the seed file owner-only on first start and reads the same keys from it again', async () => {
    const file = join(dir, 'keys', 'receipt-signing.key');
    const first = await ReceiptKeys.open({ file, createIfMissing: true }).forTenant('default');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBe(32);
    const again = await ReceiptKeys.open({ file, createIfMissing: true }).forTenant('default');
    expect(again.jwk).toEqual(first.jwk);
  });

  it('gives each tenant its own key, and signs JWS that only its own key verifies', async () => {
    const keys = ReceiptKeys.open({ file: join(dir, 'seed'), createIfMissing: true });
    const [a, b] = await Promise.all([keys.forTenant('tenant-a'), keys.forTenant('tenant-b')]);
    expect(a.jwk.kid).not.toBe(b.jwk.kid);
    const jws = await a.sign('{"n":1}');
    expect(jws).toBe(await a.sign('{"n":1}'));
    const { payload } = await compactVerify(jws, await importJWK(a.jwk, 'EdDSA'));
    expect(new TextDecoder().decode(payload)).toBe('{"n":1}');
    await expect(compactVerify(jws, await importJWK(b.jwk, 'EdDSA'))).rejects.toThrow();
  });

  it('refuses a named file that does not exist, and a seed file others may read', () => {
    expect(() => ReceiptKeys.open({ file: join(dir, 'missing'), createIfMissing: false })).toThrow(
      ReceiptKeyFileError,
    );
    const file = join(dir, 'open');
    writeFileSync(file, Buffer.alloc(32, 7));
    chmodSync(file, 0o644);
    expect(() => ReceiptKeys.open({ file, createIfMissing: false })).toThrow(/chmod 600/);
  });
});

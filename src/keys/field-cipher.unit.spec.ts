import { createHash } from 'node:crypto';
import { asSealed, type SealedValue } from '../shared/domain/sealed-value';
import { DataKey } from './data-key';
import { openField, sealedDigest, sealField } from './field-cipher';
import type { FieldContext } from './field-context';
import { SealedValueRejectedError, UnsealablePlaintextError } from './keys.errors';

const key = DataKey.generate();
const here: FieldContext = { tenantId: 'tenant-a', subjectId: 'sub-7f3a', field: 'email' };

function rejection(open: () => unknown): SealedValueRejectedError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(SealedValueRejectedError);
    return error as SealedValueRejectedError;
  }
  throw new Error('expected the sealed value to be rejected');
}

/** Re-encodes the payload part, for tokens that must stay well-formed but be wrong. */
function withPayload(token: string, change: (payload: Buffer) => Buffer): SealedValue {
  const [version, keyId, iv, payload] = token.split('.') as [string, string, string, string];
  const changed = change(Buffer.from(payload, 'base64url')).toString('base64url');
  return asSealed([version, keyId, iv, changed].join('.'));
}

describe('sealField / openField', () => {
  it.each([
    ['ascii', 'ada@example.org'],
    ['accents and CJK', 'Zoë Ågren 山田太郎'],
    ['emoji and combining marks', '👩🏽‍🚀 e\u0301 \u{1F600}'],
    ['the empty string', ''],
    ['control characters', 'a\u0000b\nc'],
  ])('round-trips %s', (_, plaintext) => {
    expect(openField(sealField(plaintext, key, here), key, here)).toBe(plaintext);
  });

  it('writes v1.<keyId>.<iv>.<ciphertext+tag> in unpadded base64url', () => {
    const token = sealField('ada@example.org', key, here);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    const [, keyId, iv, payload] = token.split('.') as [string, string, string, string];
    expect(keyId).toBe(key.keyId);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(payload, 'base64url')).toHaveLength('ada@example.org'.length + 16);
  });

  it('never seals the same plaintext to the same token: every seal draws a fresh IV', () => {
    const tokens = Array.from({ length: 500 }, () => sealField('same', key, here));
    expect(new Set(tokens).size).toBe(500);
    expect(new Set(tokens.map((token) => token.split('.')[2])).size).toBe(500);
  });

  it('rejects a token with any single character changed', () => {
    const token = sealField('ada@example.org', key, here);
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = asSealed(token.slice(0, i) + replacement + token.slice(i + 1));
      expect(() => openField(tampered, key, here)).toThrow(SealedValueRejectedError);
    }
  });

  it('rejects any single bit flipped in the IV, the ciphertext or the tag', () => {
    const token = sealField('ada@example.org', key, here);
    const payloadLength = Buffer.from(token.split('.')[3]!, 'base64url').length;
    for (let byte = 0; byte < payloadLength; byte++) {
      const flipped = withPayload(token, (payload) => {
        payload[byte]! ^= 0x01;
        return payload;
      });
      expect(rejection(() => openField(flipped, key, here)).problem).toBe('not-authentic');
    }
    const [version, keyId, iv, payload] = token.split('.') as [string, string, string, string];
    const ivBytes = Buffer.from(iv, 'base64url');
    ivBytes[0]! ^= 0x80;
    const otherIv = asSealed([version, keyId, ivBytes.toString('base64url'), payload].join('.'));
    expect(rejection(() => openField(otherIv, key, here)).problem).toBe('not-authentic');
  });

  it.each([
    ['tenant', { ...here, tenantId: 'tenant-b' }],
    ['subject', { ...here, subjectId: 'sub-other' }],
    ['field', { ...here, field: 'phone' }],
  ])('does not open in another %s', (_, elsewhere: FieldContext) => {
    const token = sealField('ada@example.org', key, here);
    const error = rejection(() => openField(token, key, elsewhere));
    expect(error.problem).toBe('not-authentic');
  });

  it('does not confuse context boundaries (length-prefixed AAD)', () => {
    const token = sealField('x', key, { tenantId: 'ab', subjectId: 'c', field: 'email' });
    expect(() => openField(token, key, { tenantId: 'a', subjectId: 'bc', field: 'email' })).toThrow(
      SealedValueRejectedError,
    );
  });

  it('names the key when opened with another subject’s key', () => {
    const token = sealField('ada@example.org', key, here);
    const other = DataKey.generate();
    const error = rejection(() => openField(token, other, here));
    expect(error.problem).toBe('wrong-key');
    expect(error.message).toContain(key.keyId);
  });

  it('does not open with a different key that claims the same key id', () => {
    const token = sealField('ada@example.org', key, here);
    const impostor = new DataKey(key.keyId, DataKey.generate().bytes);
    expect(rejection(() => openField(token, impostor, here)).problem).toBe('not-authentic');
  });

  describe('enforces the full 16-byte tag', () => {
    it('rejects a token whose tag lost its last 4 bytes', () => {
      const token = sealField('ada@example.org', key, here);
      const truncated = withPayload(token, (payload) => payload.subarray(0, payload.length - 4));
      expect(() => openField(truncated, key, here)).toThrow(SealedValueRejectedError);
    });

    it('rejects a payload shorter than a tag as malformed', () => {
      const token = sealField('', key, here);
      const short = withPayload(token, (payload) => payload.subarray(0, 12));
      const error = rejection(() => openField(short, key, here));
      expect(error.problem).toBe('malformed');
      expect(error.message).toContain('16-byte tag');
    });
  });

  it.each([
    ['too few parts', 'v1.abc'],
    ['too many parts', `v1.${'A'.repeat(11)}.${'A'.repeat(16)}.AAAA.extra`],
    ['a bad key id', `v1.short.${'A'.repeat(16)}.${'A'.repeat(22)}`],
    ['padding', `v1.${'A'.repeat(11)}.${'A'.repeat(16)}.${'A'.repeat(22)}==`],
    ['standard base64', `v1.${'A'.repeat(11)}.${'A'.repeat(16)}.${'+'.repeat(22)}`],
    ['an 11-byte IV', `v1.${'A'.repeat(11)}.${'A'.repeat(15)}.${'A'.repeat(22)}`],
    ['non-canonical trailing bits', `v1.${'A'.repeat(11)}.${'A'.repeat(16)}.${'A'.repeat(21)}B`],
  ])('rejects a token with %s as malformed', (_, token) => {
    expect(rejection(() => openField(asSealed(token), key, here)).problem).toBe('malformed');
  });

  it('rejects an unknown version', () => {
    const token = sealField('ada@example.org', key, here).replace(/^v1/, 'v2');
    const error = rejection(() => openField(asSealed(token), key, here));
    expect(error.problem).toBe('unsupported-version');
    expect(error.message).toContain('v2');
  });

  it('never echoes the token or the plaintext in an error', () => {
    const token = sealField('ada@example.org', key, here);
    const messages = [
      rejection(() => openField(token, key, { ...here, subjectId: 'x' })).message,
      rejection(() => openField(asSealed(`${token}.x`), key, here)).message,
      rejection(() => openField(asSealed(token.replace(/^v1/, 'zz')), key, here)).message,
    ];
    for (const message of messages) {
      expect(message).not.toContain(token.split('.')[3]);
      expect(message).not.toContain('ada@example.org');
    }
  });

  it('refuses a plaintext with a lone surrogate instead of altering it', () => {
    expect(() => sealField('bad \ud800 text', key, here)).toThrow(UnsealablePlaintextError);
  });
});

describe('sealedDigest', () => {
  it('is the hex SHA-256 of the token bytes', () => {
    expect(sealedDigest(asSealed('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = sealField('ada@example.org', key, here);
    expect(sealedDigest(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });
});

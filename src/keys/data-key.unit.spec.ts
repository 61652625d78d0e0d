import { inspect } from 'node:util';
import { DataKey } from './data-key';

describe('DataKey', () => {
  const key = DataKey.generate();
  const hex = key.bytes.toString('hex');
  const base64 = key.bytes.toString('base64');

  it('holds 32 random bytes and an 11-character id', () => {
    expect(key.bytes).toHaveLength(32);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(DataKey.generate().bytes.equals(key.bytes)).toBe(false);
  });

  it.each([
    ['JSON.stringify', () => JSON.stringify({ key })],
    ['util.inspect', () => inspect({ key }, { showHidden: true, depth: 5 })],
    ['String()', () => String(key)],
    ['template strings', () => `${key.toString()}`],
  ])('hides the bytes from %s', (_, show) => {
    const shown = show();
    expect(shown).toContain(key.keyId);
    expect(shown).not.toContain(hex);
    expect(shown).not.toContain(base64);
  });

  it('has no enumerable field holding the bytes', () => {
    expect(Object.keys(key)).toEqual(['keyId']);
  });

  it('hands out copies, so zeroing one does not damage the key', () => {
    key.bytes.fill(0);
    expect(key.bytes.toString('hex')).toBe(hex);
  });

  it('rejects a key of the wrong size or id', () => {
    expect(() => new DataKey(key.keyId, Buffer.alloc(16))).toThrow(RangeError);
    expect(() => new DataKey('no.dots.here', Buffer.alloc(32))).toThrow(RangeError);
  });
});

import { asBytes, asNumber, orNull } from './sql-value';

describe('reading byte and nullable columns', () => {
  it('reads a Buffer (pg) as it is and a Uint8Array (node:sqlite) as a Buffer copy', () => {
    const buffer = Buffer.from([1, 2, 3]);
    expect(asBytes(buffer)).toBe(buffer);
    const view = new Uint8Array([4, 5, 6]);
    const read = asBytes(view);
    expect(Buffer.isBuffer(read)).toBe(true);
    expect([...read]).toEqual([4, 5, 6]);
  });

  it('refuses what is not bytes, naming the type only (values may be secret)', () => {
    expect(() => asBytes('s3cret')).toThrow('got string');
    expect(() => asBytes(null)).toThrow('got null');
  });

  it('reads null as null and anything else with the reader given', () => {
    expect(orNull(null, asNumber)).toBeNull();
    expect(orNull('7', asNumber)).toBe(7);
    expect(() => orNull(undefined, asNumber)).toThrow(TypeError);
  });
});

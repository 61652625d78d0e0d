import { asBigInt, asNumber, asString } from './sql-value';

describe('reading column values', () => {
  it('reads integers from bigints (SQLite), numbers and decimal strings (pg)', () => {
    expect(asBigInt(5n)).toBe(5n);
    expect(asBigInt(5)).toBe(5n);
    expect(asBigInt('18446744073709551615')).toBe(18446744073709551615n);
    expect(asNumber('-42')).toBe(-42);
    expect(asNumber(42n)).toBe(42);
  });

  it('refuses what is not an integer, without echoing the value', () => {
    expect(() => asBigInt(1.5)).toThrow(TypeError);
    expect(() => asBigInt('alice@example.com')).toThrow('got string');
    expect(() => asBigInt(null)).toThrow('got null');
    expect(() => asNumber(2n ** 60n)).toThrow(RangeError);
  });

  it('reads text', () => {
    expect(asString('x')).toBe('x');
    expect(() => asString(1)).toThrow(TypeError);
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { isUuid } from './uuid';

describe('isUuid', () => {
  it('accepts every UUID in either case', () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(isUuid(uuid)).toBe(true);
        expect(isUuid(uuid.toUpperCase())).toBe(true);
      }),
    );
    expect(isUuid(randomUUID())).toBe(true);
  });

  it.each([
    ['the empty string', ''],
    ['no dashes', '0190c6a4e21d7c3a9f1b2d3e4f5a6b7c'],
    ['a digit too few', '0190c6a4-e21d-7c3a-9f1b-2d3e4f5a6b7'],
    ['a digit too many', '0190c6a4-e21d-7c3a-9f1b-2d3e4f5a6b7c8'],
    ['a letter beyond f', '0190c6a4-e21d-7c3a-9f1b-2d3e4f5a6b7g'],
    ['braces', '{0190c6a4-e21d-7c3a-9f1b-2d3e4f5a6b7c}'],
    ['a trailing newline', '0190c6a4-e21d-7c3a-9f1b-2d3e4f5a6b7c\n'],
  ])('refuses %s', (_case, text) => {
    expect(isUuid(text)).toBe(false);
  });
});

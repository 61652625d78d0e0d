import fc from 'fast-check';

/**
 * Values a careless or hostile client sends, for any field, header or parameter. Biased
 * towards what broke parsers and validators before: deep nesting, numbers beyond double
 * range, broken Unicode, wrong types, prototype keys, and the edges of every limit.
 */

/** Strings of every kind: ASCII, any code point, lone surrogates, control characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\ufffd',
    '\u202e',
    '%',
    '%00',
    '%ZZ',
    '../..',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-1',
    '1e400',
    '0x10',
    '9'.repeat(30),
    '18446744073709551616',
    '2026-02-30T25:61:61Z',
    '+275760-09-13T00:00:00.001Z',
    '1970-01-01T00:00:00Z',
    'a'.repeat(1000),
    'é'.repeat(300),
    '<script>',
    "' OR 1=1 --",
  ),
);

/** Numbers JSON can carry, and the ones that break things (as JSON text, see below). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 2 ** 53, 2 ** 53 + 2, 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE),
);

/** Any JSON value, nested a little: objects, arrays, wrong types for every field. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** Raw JSON text that the strict parser must refuse or bound (never parse into a crash). */
export const hostileJsonText: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.integer({ min: 20, max: 6_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc
    .integer({ min: 20, max: 3_000 })
    .map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 1, max: 6_000 }).map((depth) => '['.repeat(depth)),
  fc.constantFrom(
    '1e400',
    '{"a":-1e400}',
    '[1e309]',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":"\\ud800"}',
    '{"\\udc00":1}',
    '',
    ' ',
    '{',
    '{"a":1,}',
    'NaN',
    "{'a':1}",
    '\ufeff{}',
    '{"a":1}{"b":2}',
    '"\\u0000"',
  ),
  fc
    .uint8Array({ minLength: 1, maxLength: 40 })
    .map((bytes) => Buffer.concat([Buffer.from('{"a":"'), Buffer.from(bytes), Buffer.from('"}')])),
  fc.constantFrom(
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  ),
);

/** Path parameter values: real-looking, too long, undecodable, traversing, odd. */
export const hostilePathValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: hostileString.map((value) => encodeURIComponent(value.isWellFormed() ? value : 'x')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 400 }).map((length) => 'a'.repeat(length)) },
  fc.constantFrom(
    '%ZZ',
    '%',
    '%E0%A4%A',
    '%C0%AF',
    '%ED%A0%80',
    '%00',
    '%2F',
    '%2e%2e',
    '..',
    '.',
    '%20',
    'a;b=c',
    '%F0%9F%9A%81',
    '00000000-0000-4000-8000-00000000000g',
    '-1',
    '0',
    '1.5',
    '1e3',
    '18446744073709551616',
    '0x1',
  ),
);

/** Query strings: documented and undocumented names, hostile values, repeats, bad escapes. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    fc.constantFrom(...names, ...COMMON_QUERY_NAMES),
    hostileString.map((value) => encodeURIComponent(value.isWellFormed() ? value : 'x')),
  );
  const value = fc.oneof(
    hostileString.map((text) => (text.isWellFormed() ? encodeURIComponent(text) : '%ED%A0%80')),
    fc.constantFrom('%ZZ', '%', '%E0%A4%A', '1', '0', '-5', '1001', '99999999999999999999', 'true'),
    fc.date({ noInvalidDate: true }).map((date) => encodeURIComponent(date.toISOString())),
  );
  const pair = fc.oneof(
    fc.tuple(name, value).map(([n, v]) => `${n}=${v}`),
    name,
    fc.constantFrom('&', '=', '==', 'a[b]=1', 'a[]=1&a[]=2'),
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join('&'));
}

const COMMON_QUERY_NAMES = [
  'at',
  'knownAt',
  'after',
  'limit',
  'overdue',
  'state',
  'cursor',
  'consistencyToken',
  'from',
  'to',
  'eventId',
  'leafIndex',
  'treeSize',
  'subjectId',
  'category',
  'recipient',
  'purpose',
  '__proto__',
  'constructor',
];

/** Header values, including ones the HTTP layer itself must cope with. */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '*',
    'W/"1"',
    '"1"',
    '"-1"',
    '"99999999999999999999"',
    'x'.repeat(300),
    '1',
    '-1',
    '18446744073709551615',
    '18446744073709551616',
    'Bearer',
    'Bearer ',
    'Bearer a.b.c',
    'Basic YTpi',
    'Bearer ' + 'A'.repeat(5000),
  ),
);

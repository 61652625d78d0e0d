import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';

const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('nestsDeeperThan', () => {
  it.each([
    ['arrays', arrays],
    ['objects', objects],
  ])('allows %s exactly at the limit and refuses one level more', (_kind, nested) => {
    expect(nestsDeeperThan(nested(MAX_JSON_NESTING), MAX_JSON_NESTING)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_NESTING + 1), MAX_JSON_NESTING)).toBe(true);
  });

  it('counts the deepest branch, not the number of containers', () => {
    const wide = JSON.stringify({ list: Array.from({ length: 1000 }, () => [[{ x: [] }]]) });
    // body { → list [ → entry [ → [ → { → x [ : six levels, in each of 1,000 entries.
    expect(nestsDeeperThan(wide, 6)).toBe(false);
    expect(nestsDeeperThan(wide, 5)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ s: '[[[[{{{{', t: 'quote \\" [[[[ and \\\\', u: '"[[' });
    expect(nestsDeeperThan(text, 1)).toBe(false);
  });

  it('handles a million levels without recursion, stopping early', () => {
    expect(nestsDeeperThan(arrays(1_000_000), MAX_JSON_NESTING)).toBe(true);
  });

  it('leaves scalars and empty text alone', () => {
    for (const text of ['', '1', '"x"', 'null']) expect(nestsDeeperThan(text, 0)).toBe(false);
  });
});

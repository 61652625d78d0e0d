import type { ChainLink } from '../leaf';
import { ChainCheck, type ChainEntry, hexOf } from './chain-check';

const hashOf = (leaf: number) => leaf.toString(16).padStart(64, '0');

function entry(leafIndex: number, link: ChainLink | undefined, streamName = 's'): ChainEntry {
  return {
    concerns: `leaf ${leafIndex}`,
    streamName,
    leafIndex,
    leafHash: hashOf(leafIndex),
    link,
  };
}

const to = (leafIndex: number): ChainLink => ({ leafIndex, leafHash: hashOf(leafIndex) });

function run(entries: readonly ChainEntry[], spanFirst?: number) {
  const check = new ChainCheck();
  const problems = entries.flatMap((e) => check.next(e).map((p) => `${e.concerns}: ${p}`));
  const { failures, summary } = check.finish(spanFirst);
  return {
    problems: [...problems, ...failures.map((f) => `${f.concerns}: ${f.message}`)],
    summary,
  };
}

describe('the chain check of a bundle', () => {
  it('passes whole chains and counts the streams proven back to their first event', () => {
    const { problems, summary } = run([
      entry(0, 'first'),
      entry(1, 'first', 'p'),
      entry(3, to(0)),
      entry(7, to(1), 'p'),
      entry(9, to(3)),
    ]);
    expect(problems).toEqual([]);
    expect(summary).toEqual({ streams: 2, fromFirst: 2 });
  });

  it('names the leaf a left-out first or middle event was at', () => {
    expect(run([entry(3, to(0)), entry(9, to(3))]).problems).toEqual([
      'leaf 3: the event at leaf 3 links to leaf 0, the previous event of stream s, which the bundle does not hold: an event of the stream was left out',
    ]);
    expect(run([entry(0, 'first'), entry(9, to(3))]).problems).toEqual([
      'leaf 9: the event at leaf 9 links to leaf 3, the previous event of stream s, which the bundle does not hold: an event of the stream was left out',
    ]);
  });

  it('accepts links to leaves before a time range, not into it', () => {
    expect(run([entry(5, to(2)), entry(6, to(5))], 4).problems).toEqual([]);
    expect(run([entry(5, to(4))], 4).problems).toHaveLength(1);
    expect(run([entry(5, to(2))], 4).summary).toEqual({ streams: 1, fromFirst: 0 });
  });

  it('refuses a wrong hash, a skipped leaf, a second first, a forward link', () => {
    const wrong = entry(3, { leafIndex: 0, leafHash: hashOf(1) });
    expect(run([entry(0, 'first'), wrong]).problems).toEqual([
      'leaf 3: its leaf 3 links to leaf 0 of stream s with a hash that is not the hash of the leaf the bundle holds there',
    ]);
    expect(run([entry(0, 'first'), entry(2, to(0)), entry(3, to(0))]).problems).toEqual([
      "leaf 3: its leaf 3 links to leaf 0, past leaf 2 of stream s that the bundle holds: that leaf is not in the stream's chain",
    ]);
    expect(run([entry(0, 'first'), entry(2, 'first')]).problems).toEqual([
      'leaf 2: its leaf 2 is marked the first of stream s, but the bundle holds leaf 0 of that stream before it',
    ]);
    expect(run([entry(2, to(2))]).problems).toEqual([
      'leaf 2: its leaf 2 links to leaf 2, which is not before it',
    ]);
  });

  it('chains a format-2 leaf to the format-1 leaves before it, never the other way', () => {
    const mixed = run([entry(0, undefined), entry(1, undefined, 'p'), entry(2, to(0))]);
    expect(mixed.problems).toEqual([]);
    expect(mixed.summary).toEqual({ streams: 2, fromFirst: 0 });
    expect(run([entry(2, 'first'), entry(3, undefined, 'p')]).problems).toEqual([
      'leaf 3: leaf 3 is format 1 (unchained) after leaf 2 of format 2: a log never goes back to unchained leaves',
    ]);
  });

  it('writes hashes as lower-case hex', () => {
    expect(hexOf(Uint8Array.of(0, 15, 255))).toBe('000fff');
  });
});

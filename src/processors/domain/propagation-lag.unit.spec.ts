import { acknowledgedAtOf, lagSeconds, summarizeLags } from './propagation-lag';

describe('the propagation lag', () => {
  const acks = [
    { position: 3, acknowledgedAt: '2026-06-01T00:00:10.000Z' },
    { position: 7, acknowledgedAt: '2026-06-01T00:01:00.000Z' },
  ];

  it('dates a change by the first acknowledgement that reaches it', () => {
    expect(acknowledgedAtOf(1, acks)).toBe(acks[0]!.acknowledgedAt);
    expect(acknowledgedAtOf(3, acks)).toBe(acks[0]!.acknowledgedAt);
    expect(acknowledgedAtOf(4, acks)).toBe(acks[1]!.acknowledgedAt);
    expect(acknowledgedAtOf(8, acks)).toBeUndefined();
  });

  it('counts from the close, and an acknowledgement ahead of the close as no lag', () => {
    expect(lagSeconds('2026-06-01T00:00:00.000Z', acks[0]!.acknowledgedAt)).toBe(10);
    expect(lagSeconds('2026-06-02T00:00:00.000Z', acks[0]!.acknowledgedAt)).toBe(0);
  });

  it('takes p50 and p99 by nearest rank', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLags(hundred)).toEqual({
      count: 100,
      p50Seconds: 50,
      p99Seconds: 99,
      maxSeconds: 100,
    });
    expect(summarizeLags([7])).toEqual({ count: 1, p50Seconds: 7, p99Seconds: 7, maxSeconds: 7 });
    expect(summarizeLags([]).p50Seconds).toBeNull();
  });
});

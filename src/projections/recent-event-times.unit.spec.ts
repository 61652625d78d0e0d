import { RecentEventTimes } from './recent-event-times';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe('RecentEventTimes', () => {
  it('knows nothing before a run starts', () => {
    const times = new RecentEventTimes();
    times.add(1n, at(1));
    expect(times.recordedAfter(0n)).toBeUndefined();
  });

  it('gives the time of the first event after a position in the run', () => {
    const times = new RecentEventTimes();
    times.startAfter(10n);
    for (let p = 11; p <= 15; p++) times.add(BigInt(p), at(p));
    expect(times.recordedAfter(10n)).toBe(at(11).getTime());
    expect(times.recordedAfter(13n)).toBe(at(14).getTime());
    expect(times.recordedAfter(15n)).toBeUndefined();
    expect(times.recordedAfter(9n)).toBeUndefined();
  });

  it('starts over after a gap instead of taking a time from the wrong event', () => {
    const times = new RecentEventTimes();
    times.startAfter(0n);
    times.add(1n, at(1));
    times.add(2n, at(2));
    times.add(5n, at(5));
    expect(times.recordedAfter(1n)).toBeUndefined();
    expect(times.recordedAfter(4n)).toBe(at(5).getTime());
  });

  it('ignores repeats and keeps only the newest events', () => {
    const times = new RecentEventTimes(3);
    times.startAfter(0n);
    for (let p = 1; p <= 7; p++) times.add(BigInt(p), at(p));
    times.add(7n, at(99));
    expect(times.recordedAfter(6n)).toBe(at(7).getTime());
    expect(times.recordedAfter(4n)).toBe(at(5).getTime());
    expect(times.recordedAfter(3n)).toBeUndefined();
  });
});

import type { BundleEvent } from '../../src/console/api-types';
import { localDataModePeriods } from '../../src/console/timeline/local-data-mode';
import { ticks } from '../../src/console/timeline/time-axis';
import { fitting, panned, zoomed } from '../../src/console/timeline/viewport';

/** The console's pure timeline rules, without a browser. */

const at = (iso: string): number => Date.parse(iso);

describe('the time axis', () => {
  it.each([
    ['2026-01-01T10:00:00Z', '2026-01-01T10:30:00Z', ['10:00', '10:05', '10:10']],
    ['2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z', ['01-01', '02:00', '04:00']],
    ['2026-01-01T00:00:00Z', '2026-01-20T00:00:00Z', ['2026-01-01', '2026-01-03', '2026-01-05']],
    ['2026-01-01T00:00:00Z', '2026-09-01T00:00:00Z', ['2026-01', '2026-02', '2026-03']],
    ['2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ['2020', '2021', '2022']],
  ])('labels %s … %s as precisely as its step needs', (from, to, first) => {
    const drawn = ticks(at(from), at(to), 10);
    expect(drawn.slice(0, 3).map((tick) => tick.label)).toEqual(first);
    expect(drawn.length).toBeLessThanOrEqual(10);
    expect(drawn.every((tick) => tick.at >= at(from) && tick.at <= at(to))).toBe(true);
  });

  it('puts month ticks on the first of the month (UTC), whatever their lengths', () => {
    const drawn = ticks(at('2026-01-15T00:00:00Z'), at('2026-06-15T00:00:00Z'), 8);
    expect(drawn.map((tick) => new Date(tick.at).toISOString())).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
      '2026-06-01T00:00:00.000Z',
    ]);
  });
});

describe('zoom and pan', () => {
  const view = { start: 0, end: 1000_000 };

  it('keeps the instant under the pointer in place when zooming', () => {
    const next = zoomed(view, 0.5, 0.25);
    expect(next).toEqual({ start: 125_000, end: 625_000 });
  });

  it('never zooms in below a minute', () => {
    const next = zoomed(view, 0.001);
    expect(next.end - next.start).toBe(60_000);
  });

  it('pans by a fraction of the span', () => {
    expect(panned(view, -0.1)).toEqual({ start: -100_000, end: 900_000 });
  });

  it('fits a history with a margin on both sides', () => {
    const fit = fitting(at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'));
    expect(fit.start).toBeLessThan(at('2026-01-01T00:00:00Z'));
    expect(fit.end).toBeGreaterThan(at('2026-01-02T00:00:00Z'));
  });
});

describe('Local Data Mode periods', () => {
  const event = (type: string, occurredAt: string, streamRevision: number): BundleEvent => ({
    id: `e${streamRevision}`,
    type,
    streamName: 'subject-x',
    streamRevision,
    globalPosition: String(streamRevision),
    recordedAt: '2026-02-01T00:00:00.000Z',
    data: { occurredAt },
    metadata: {},
  });

  it('pairs each switch on with the next switch off in valid time, also when recorded late', () => {
    const periods = localDataModePeriods([
      event('consent-granted', '2026-01-01T00:00:00.000Z', 1),
      event('local-data-mode-switched-on', '2026-01-10T00:00:00.000Z', 2),
      event('local-data-mode-switched-off', '2026-01-11T00:00:00.000Z', 3),
      // Imported later, back-dated before the first period.
      event('local-data-mode-switched-on', '2026-01-03T00:00:00.000Z', 4),
      event('local-data-mode-switched-off', '2026-01-04T00:00:00.000Z', 5),
      event('local-data-mode-switched-on', '2026-01-20T00:00:00.000Z', 6),
    ]);
    expect(periods).toEqual([
      { start: '2026-01-03T00:00:00.000Z', end: '2026-01-04T00:00:00.000Z' },
      { start: '2026-01-10T00:00:00.000Z', end: '2026-01-11T00:00:00.000Z' },
      { start: '2026-01-20T00:00:00.000Z' },
    ]);
  });

  it('ignores a switch that changes nothing (off while off, on while on)', () => {
    const periods = localDataModePeriods([
      event('local-data-mode-switched-off', '2026-01-01T00:00:00.000Z', 1),
      event('local-data-mode-switched-on', '2026-01-02T00:00:00.000Z', 2),
      event('local-data-mode-switched-on', '2026-01-03T00:00:00.000Z', 3),
      event('local-data-mode-switched-off', '2026-01-04T00:00:00.000Z', 4),
    ]);
    expect(periods).toEqual([
      { start: '2026-01-02T00:00:00.000Z', end: '2026-01-04T00:00:00.000Z' },
    ]);
  });
});

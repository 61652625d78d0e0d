import type { FlowWindowRecord } from '../../../replay/flow-window-records';
import { whyOutside } from './why-outside';

const opened = { kind: 'event', revision: 1, eventId: 'e1', type: 'consent-granted' } as const;

function window(start: string, end?: string): FlowWindowRecord {
  return {
    start: `2026-01-${start}T00:00:00.000Z`,
    ...(end !== undefined ? { end: `2026-01-${end}T00:00:00.000Z` } : {}),
    openedBy: opened,
    bases: [{ from: `2026-01-${start}T00:00:00.000Z`, basis: 'grant' }],
  };
}

const at = (day: string) => `2026-01-${day}T00:00:00.000Z`;
const DAY = 86_400_000;

describe('whyOutside', () => {
  it('says no-window when the combination has none', () => {
    expect(whyOutside(at('05'), [])).toEqual({ reason: 'no-window' });
  });

  it('is undefined when a window holds the flow: start inclusive, end exclusive, open end', () => {
    expect(whyOutside(at('03'), [window('03', '06')])).toBeUndefined();
    expect(whyOutside(at('05'), [window('03', '06')])).toBeUndefined();
    expect(whyOutside(at('20'), [window('01', '02'), window('10')])).toBeUndefined();
  });

  it('names the nearest window and on which side of it the flow lies', () => {
    const windows = [window('01', '03'), window('10', '12')];
    expect(whyOutside(at('04'), windows)).toEqual({
      reason: 'outside-windows',
      closestWindow: windows[0],
      flowIs: 'after-window',
      distanceMs: DAY,
    });
    expect(whyOutside(at('09'), windows)).toEqual({
      reason: 'outside-windows',
      closestWindow: windows[1],
      flowIs: 'before-window',
      distanceMs: DAY,
    });
  });

  it('counts the instant a window closes as outside it, at distance 0', () => {
    expect(whyOutside(at('06'), [window('03', '06')])).toMatchObject({
      flowIs: 'after-window',
      distanceMs: 0,
    });
  });

  it('names the earlier of two equally near windows', () => {
    const windows = [window('01', '03'), window('05', '07')];
    expect(whyOutside(at('04'), windows)).toMatchObject({ closestWindow: windows[0] });
  });
});

import type { ProjectionRunState } from './projection-runner';
import { servingStatusAsOf, type ServingStatus } from './serving-status';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const measured: ServingStatus = {
  measuredAt: T0,
  eventStore: { kind: 'postgres', up: true },
  readStore: { kind: 'postgres', up: true },
  headPosition: '100',
  projections: [
    {
      name: 'audit_log',
      state: 'running',
      position: '40',
      lagEvents: 60,
      lagSeconds: 5,
      caughtUp: false,
      halted: false,
    },
    {
      name: 'flows',
      state: 'running',
      position: '100',
      lagEvents: 0,
      lagSeconds: 0,
      caughtUp: true,
      halted: false,
    },
  ],
};

/** What the subscription knows: a head, and no recording times unless given. */
function feed(head: bigint, densePositions: boolean, times: Record<string, Date> = {}) {
  return {
    head,
    densePositions,
    recordedAfter: (position: bigint) => times[String(position + 1n)]?.getTime(),
  };
}

function live(positions: Record<string, bigint>, state: ProjectionRunState['state'] = 'running') {
  return Object.entries(positions).map(([name, position]): ProjectionRunState => ({
    name,
    version: 1,
    state,
    position,
  }));
}

describe('servingStatusAsOf', () => {
  it('ages the lag of a projection still where it was measured', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 40n, flows: 100n }),
      feed(100n, true),
      later(2),
    );
    expect(status.projections[0]).toMatchObject({ lagEvents: 60, lagSeconds: 7, caughtUp: false });
    expect(status.projections[1]).toMatchObject({ lagEvents: 0, lagSeconds: 0, caughtUp: true });
  });

  it('counts the events announced since against the positions held now', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 90n, flows: 100n }),
      feed(130n, true),
      later(1),
    );
    expect(status.headPosition).toBe('130');
    expect(status.projections[0]).toMatchObject({ lagEvents: 40, lagSeconds: 6 });
    // Past the measured head, only events appended after the measurement are left.
    expect(status.projections[1]).toMatchObject({ lagEvents: 30, lagSeconds: 1 });
  });

  it('sees a projection caught up as soon as it reaches the newest head known', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 130n, flows: 130n }),
      feed(130n, true),
      later(0.5),
    );
    expect(status.projections.every((p) => p.caughtUp && p.lagSeconds === 0)).toBe(true);
  });

  it('takes the age of the oldest unapplied event from the subscription when it saw it', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 90n, flows: 100n }),
      feed(130n, true, { '91': later(-4), '101': later(0.75) }),
      later(1),
    );
    expect(status.projections[0]).toMatchObject({ lagEvents: 40, lagSeconds: 5 });
    expect(status.projections[1]).toMatchObject({ lagEvents: 30, lagSeconds: 0.25 });
  });

  it('keeps the measured count where positions are not dense', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 50n, flows: 100n }),
      feed(100n, false),
      later(1),
    );
    expect(status.projections[0]).toMatchObject({ lagEvents: 60, lagSeconds: 6 });
  });

  it('reports a halted projection as never caught up', () => {
    const status = servingStatusAsOf(
      measured,
      live({ audit_log: 100n, flows: 100n }, 'failed'),
      feed(100n, true),
      later(0),
    );
    expect(status.projections.every((p) => p.halted && !p.caughtUp)).toBe(true);
  });

  it('leaves a measurement without a head (event store down) as it was', () => {
    const down = {
      ...measured,
      headPosition: undefined,
      eventStore: { kind: 'postgres', up: false },
    };
    expect(
      servingStatusAsOf(down, live({ audit_log: 90n, flows: 100n }), feed(130n, true), later(3)),
    ).toBe(down);
  });
});

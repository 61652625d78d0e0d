import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { ReadStore } from '../read-store/read-store.port';
import type { ProjectionRunState } from './projection-runner';
import type { ProjectorLogEntry } from './projector-logger';
import { ServingStatusMonitor } from './serving-status-monitor';

/** Stores whose answers a test decides: a value, a failure, or never. */
function stores() {
  const control = {
    head: 10n as bigint | Error | 'hang',
    read: 'ok' as 'ok' | Error | 'hang',
    headCalls: 0,
    oldest: new Date(Date.now() - 5000),
  };
  const answer = <T>(value: T | Error | 'hang'): Promise<T> =>
    value === 'hang'
      ? new Promise<T>(() => undefined)
      : value instanceof Error
        ? Promise.reject(value)
        : Promise.resolve(value);
  const eventStore = {
    kind: 'postgres',
    headPosition: () => {
      control.headCalls += 1;
      return answer(control.head);
    },
    readAll: ({ after }: { after: bigint }) =>
      Promise.resolve([
        { globalPosition: after + 1n, recordedAt: control.oldest } as unknown as RecordedEvent,
      ]),
  } as unknown as EventStore;
  const readStore = {
    dialect: 'postgres',
    query: () => answer(control.read === 'ok' ? [{ up: 1 }] : control.read),
  } as unknown as ReadStore;
  return { control, eventStore, readStore };
}

const STATES: ProjectionRunState[] = [
  { name: 'audit_log', version: 1, state: 'running', position: 4n },
  { name: 'flows', version: 1, state: 'running', position: 10n },
];

function monitorOf(s: ReturnType<typeof stores>, log: ProjectorLogEntry[] = []) {
  return new ServingStatusMonitor({
    eventStore: s.eventStore,
    readStore: s.readStore,
    states: () => STATES,
    log: (entry) => log.push(entry),
    intervalMs: 60_000,
    probeTimeoutMs: 50,
  });
}

describe('ServingStatusMonitor', () => {
  it('measures both stores and each projection’s lag once, then serves that measurement', async () => {
    const s = stores();
    const monitor = monitorOf(s);
    await monitor.start();
    try {
      const status = monitor.current()!;
      expect(status).toMatchObject({
        eventStore: { kind: 'postgres', up: true },
        readStore: { kind: 'postgres', up: true },
        headPosition: '10',
        projections: [
          { name: 'audit_log', position: '4', lagEvents: 6, caughtUp: false },
          { name: 'flows', position: '10', lagEvents: 0, lagSeconds: 0, caughtUp: true },
        ],
      });
      expect(status.projections[0]!.lagSeconds).toBeGreaterThanOrEqual(5);
      monitor.current();
      expect(s.control.headCalls).toBe(1);
    } finally {
      await monitor.stop();
    }
    expect(monitor.current()).toBeUndefined();
  });

  it('reports a store that fails or does not answer in time as down, without its driver’s words', async () => {
    const s = stores();
    s.control.head = new Error('password authentication failed for user "bob"');
    s.control.read = 'hang';
    const log: ProjectorLogEntry[] = [];
    const monitor = monitorOf(s, log);
    await monitor.start();
    try {
      const status = monitor.current()!;
      expect(status.eventStore).toEqual({
        kind: 'postgres',
        up: false,
        reason: 'the postgres event store did not answer',
      });
      expect(status.readStore).toEqual({
        kind: 'postgres',
        up: false,
        reason: 'the postgres read store did not answer within 50 ms',
      });
      expect(status.headPosition).toBeUndefined();
      expect(JSON.stringify(status)).not.toContain('bob');
      expect(log.map((e) => e.level)).toEqual(['warn', 'warn']);
    } finally {
      await monitor.stop();
    }
  });
});

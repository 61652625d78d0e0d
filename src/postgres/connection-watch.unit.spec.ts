import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresConnections } from './connection-watch';

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await sleep(5);
  }
}

describe('ConnectionWatch', () => {
  it('counts a connection that reports its death twice as one loss', () => {
    const connections = new PostgresConnections();
    const watch = connections.watch('read_store');
    const client = {};
    watch.lost(client);
    watch.lost(client);
    watch.lost({});
    expect(connections.statuses()).toEqual([
      { component: 'read_store', up: false, losses: 2, connectFailures: 0 },
    ]);
    watch.reached();
    expect(connections.statuses()[0]!.up).toBe(true);
  });

  it('does not call a pool that is merely busy down', () => {
    const connections = new PostgresConnections();
    const watch = connections.watch('key_store');
    watch.connectFailed(new Error('timeout exceeded when trying to connect'));
    watch.connectFailed(new Error('a bug'));
    expect(connections.statuses()).toEqual([
      { component: 'key_store', up: true, losses: 0, connectFailures: 0 },
    ]);
    watch.connectFailed(refused);
    expect(connections.statuses()[0]).toMatchObject({ up: false, connectFailures: 1 });
  });

  it('probes with backoff while down, one probe at a time, until the server answers', async () => {
    const connections = new PostgresConnections();
    let calls = 0;
    let inFlight = 0;
    let most = 0;
    const watch = connections.watch(
      'event_store',
      async () => {
        calls += 1;
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(1);
        inFlight -= 1;
        if (calls < 3) {
          watch.connectFailed(refused);
          throw refused;
        }
      },
      { minMs: 1, maxMs: 4 },
    );
    watch.connectFailed(refused);
    watch.lost({});
    await waitFor(() => watch.isUp);
    expect(calls).toBe(3);
    expect(most).toBe(1);
    watch.close();
  });

  it('stops probing once closed, and reports no state for a closed component', async () => {
    const connections = new PostgresConnections();
    let calls = 0;
    const watch = connections.watch(
      'webhook_store',
      () => {
        calls += 1;
        return Promise.reject(refused);
      },
      { minMs: 1, maxMs: 1 },
    );
    watch.lost({});
    await waitFor(() => calls > 0);
    watch.close();
    const seen = calls;
    await sleep(20);
    expect(calls).toBeLessThanOrEqual(seen + 1);
    expect(connections.statuses()).toEqual([
      { component: 'webhook_store', up: undefined, losses: 1, connectFailures: 0 },
    ]);
  });
});

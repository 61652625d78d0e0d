import { EventStoreUnavailableError } from '../event-store.errors';
import type { AppendRequest } from './append-plan';
import type { GroupOutcome } from './postgres-append-group';
import { DEFAULT_GROUP_COMMIT, PostgresGroupCommit } from './postgres-group-commit';

function request(streamName: string): AppendRequest {
  return {
    streamName,
    events: [{ id: streamName, type: 't', data: '{}', metadata: '{}' }],
    expected: 'any',
  };
}

function appended(position: bigint): GroupOutcome {
  return { kind: 'appended', wrote: true, result: { nextExpectedRevision: 0, position } };
}

const lostConnection = (): Error => Object.assign(new Error('gone'), { code: '57P01' });

const settings = { ...DEFAULT_GROUP_COMMIT, reconnectDelaysMs: [1, 1] };

describe('PostgresGroupCommit', () => {
  it('runs appends made in the same turn as one group and answers each', async () => {
    const groups: string[][] = [];
    const commit = new PostgresGroupCommit(
      (requests) => {
        groups.push(requests.map((r) => r.streamName));
        return Promise.resolve(requests.map((_, i) => appended(BigInt(i + 1))));
      },
      () => undefined,
      settings,
    );
    const results = await Promise.all(['a', 'b', 'c'].map((s) => commit.append(request(s))));
    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(results.map((r) => r.position)).toEqual([1n, 2n, 3n]);
  });

  it('caps a group and keeps the order of the queue', async () => {
    const groups: string[][] = [];
    const commit = new PostgresGroupCommit(
      (requests) => {
        groups.push(requests.map((r) => r.streamName));
        return Promise.resolve(requests.map(() => appended(1n)));
      },
      () => undefined,
      { ...settings, maxAppendsPerGroup: 2, maxGroupsInFlight: 1 },
    );
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((s) => commit.append(request(s))));
    expect(groups).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('runs a deferred append again in a later group', async () => {
    const groups: string[][] = [];
    const commit = new PostgresGroupCommit(
      (requests) => {
        groups.push(requests.map((r) => r.streamName));
        return Promise.resolve(
          requests.map((r, i): GroupOutcome =>
            r.streamName === 'b' && groups.length === 1
              ? { kind: 'deferred' }
              : appended(BigInt(i)),
          ),
        );
      },
      () => undefined,
      settings,
    );
    await Promise.all(['a', 'b'].map((s) => commit.append(request(s))));
    expect(groups).toEqual([['a', 'b'], ['b']]);
  });

  it('reruns a group whose connection was lost, then gives up with EventStoreUnavailableError', async () => {
    let calls = 0;
    const flaky = new PostgresGroupCommit(
      (requests) => {
        calls += 1;
        if (calls === 1) return Promise.reject(lostConnection());
        return Promise.resolve(requests.map(() => appended(7n)));
      },
      () => undefined,
      settings,
    );
    await expect(flaky.append(request('a'))).resolves.toMatchObject({ position: 7n });
    expect(calls).toBe(2);

    const down = new PostgresGroupCommit(
      () => Promise.reject(lostConnection()),
      () => undefined,
      settings,
    );
    await expect(down.append(request('a'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('wakes subscribers only after a group wrote something, and drains before close', async () => {
    let wakes = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = new PostgresGroupCommit(
      async (requests) => {
        await gate;
        return requests.map((r): GroupOutcome =>
          r.streamName === 'retry'
            ? { kind: 'appended', wrote: false, result: { nextExpectedRevision: 0, position: 1n } }
            : appended(2n),
        );
      },
      () => (wakes += 1),
      { ...settings, maxGroupsInFlight: 1 },
    );
    const pending = commit.append(request('retry'));
    let drained = false;
    const draining = commit.drain().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    release();
    await pending;
    await draining;
    expect(wakes).toBe(0);
    await commit.append(request('new'));
    expect(wakes).toBe(1);
  });
});

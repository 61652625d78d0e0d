import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { KurrentDbConnectionStringError } from './kurrentdb.errors';
import { hostCount, normaliseConnectionString } from './kurrentdb-connection-string';
import { openKurrentDbEventStore } from './kurrentdb-event-store';

describe('KurrentDB connection strings', () => {
  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'kurrentdb://localhost:2113?tls=false'],
    ['kurrent://db.internal:2113', 'kurrent://db.internal:2113'],
    ['kdb://db.internal:2113?tls=false', 'kdb://db.internal:2113?tls=false'],
    // The client prints a deprecation warning for esdb://; adapters must stay silent.
    ['esdb://localhost:2113?tls=false', 'kurrentdb://localhost:2113?tls=false'],
    ['ESDB://localhost:2113', 'kurrentdb://localhost:2113'],
  ])('keeps the meaning of single-node %s', (input, expected) => {
    expect(normaliseConnectionString(input)).toBe(expected);
  });

  it('keeps +discover for DNS discovery through one name', () => {
    expect(normaliseConnectionString('esdb+discover://cluster.example.com:2113')).toBe(
      'kurrentdb+discover://cluster.example.com:2113',
    );
  });

  it('turns +discover over several nodes into gossip seeds, so every node is asked', () => {
    expect(
      normaliseConnectionString('kurrentdb+discover://node1:2113,node2:2113,node3:2113?tls=false'),
    ).toBe('kurrentdb://node1:2113,node2:2113,node3:2113?tls=false');
    expect(normaliseConnectionString('kdb+discover://admin:changeit@a:2113,b:2113/')).toBe(
      'kdb://admin:changeit@a:2113,b:2113/',
    );
  });

  it('counts hosts after credentials and before the query', () => {
    expect(hostCount('user:p%40ss@a:1,b:2,c:3?tls=false&nodePreference=leader')).toBe(3);
    expect(hostCount('a:2113')).toBe(1);
    expect(hostCount('a:2113/')).toBe(1);
  });

  it.each(['postgres://u:secret@h/db', 'http://admin:secret@h:2113', 'secret'])(
    'refuses %s without repeating it',
    (input) => {
      let error: unknown;
      try {
        normaliseConnectionString(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KurrentDbConnectionStringError);
      expect((error as Error).message).not.toContain('secret');
    },
  );

  it('produces strings the client accepts, for a single node and for a cluster', async () => {
    for (const input of [
      'esdb://localhost:2113?tls=false',
      'kurrentdb+discover://node1:2113,node2:2113,node3:2113?tls=false',
      'kurrentdb+discover://cluster.example.com:2113',
    ]) {
      const client = KurrentDBClient.connectionString(normaliseConnectionString(input));
      await client.dispose();
    }
  });
});

describe('openKurrentDbEventStore', () => {
  it('rejects a malformed string with a typed error that does not echo the password', async () => {
    const error = await openKurrentDbEventStore({
      connectionString: 'kurrentdb://admin:s3cr3t@',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KurrentDbConnectionStringError);
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  it('opens lazily and refuses calls once closed', async () => {
    const store = await openKurrentDbEventStore({
      connectionString: 'kurrentdb://127.0.0.1:1?tls=false',
    });
    expect(store.kind).toBe('kurrentdb');
    await store.close();
    await store.close();
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(() => store.subscribe(() => undefined)).toThrow(EventStoreUnavailableError);
  });
});

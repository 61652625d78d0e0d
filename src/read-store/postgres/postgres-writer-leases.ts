import { Client, type ClientConfig } from 'pg';
import type { WriterLease } from '../read-store.port';

class AdvisoryLease implements WriterLease {
  lost = false;
  constructor(private readonly releaser: () => Promise<void>) {}

  release(): Promise<void> {
    return this.releaser();
  }
}

/**
 * Writer leases as session-level advisory locks, all held on one dedicated connection:
 * PostgreSQL frees them by itself when that connection dies, so a crashed replica never
 * keeps a projection locked. When the connection drops every lease is marked lost and the
 * next acquisition reconnects.
 */
export class PostgresWriterLeases {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private readonly held = new Map<string, AdvisoryLease>();

  constructor(
    private readonly config: ClientConfig,
    /** Namespaces the lock keys, so two schemas on one server do not block each other. */
    private readonly namespace: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async tryAcquire(name: string): Promise<WriterLease | undefined> {
    // Advisory locks are re-entrant within a session, so the process tracks its own holds.
    if (this.held.has(name)) return undefined;
    const client = await this.connection();
    const key = `${this.namespace}:${name}`;
    const { rows } = await client.query<{ granted: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS granted',
      [key],
    );
    if (rows[0]?.granted !== true) return undefined;
    const lease = new AdvisoryLease(async () => {
      if (this.held.get(name) !== lease) return;
      this.held.delete(name);
      lease.lost = true;
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    });
    this.held.set(name, lease);
    return lease;
  }

  async close(): Promise<void> {
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    this.loseAll();
    await client?.end();
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const client = new Client(this.config);
    client.on('error', (error) => {
      this.onError(error);
      this.forget(client);
    });
    client.on('end', () => this.forget(client));
    await client.connect();
    this.client = client;
    return client;
  }

  private forget(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.loseAll();
  }

  private loseAll(): void {
    for (const lease of this.held.values()) lease.lost = true;
    this.held.clear();
  }
}

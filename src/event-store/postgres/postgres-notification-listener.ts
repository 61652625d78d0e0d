import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientConfig } from 'pg';
import { isConnectionLoss } from '../../postgres';
import type { ConnectionWatch } from '../../postgres';
import { jitteredBackoffMs, type Backoff } from '../../shared/backoff';

const DEFAULT_BACKOFF: Backoff = { minMs: 50, maxMs: 5_000 };

/**
 * Holds one dedicated connection that LISTENs for appends made by other processes and calls
 * `onWake` for each. When the connection drops it reconnects with backoff and wakes once
 * more, because appends may have been announced while nobody listened: every subscription
 * then reads the feed again. Subscriptions never depend on it for correctness: they also
 * poll, this only makes them prompt. The connection's state goes to `watch` (metrics).
 */
export class PostgresNotificationListener {
  private readonly stop = new AbortController();
  private client: Client | undefined;
  private readonly running: Promise<void>;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onWake: () => void,
    private readonly watch: ConnectionWatch,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.running = this.run();
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.client?.end().catch(() => undefined);
    await this.running;
    this.watch.close();
  }

  private async run(): Promise<void> {
    const signal = this.stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      const listened = await this.listenUntilDropped(signal);
      if (signal.aborted) return;
      failures = listened ? 1 : failures + 1;
      await sleep(jitteredBackoffMs(failures, this.backoff), undefined, { signal }).catch(
        () => undefined,
      );
    }
  }

  /** Returns whether LISTEN was established before the connection ended. */
  private async listenUntilDropped(signal: AbortSignal): Promise<boolean> {
    const client = new Client(this.config);
    this.client = client;
    let markDropped: () => void = () => undefined;
    const dropped = new Promise<void>((resolve) => (markDropped = resolve));
    // Attached before connecting and never removed: an 'error' without a listener would
    // end the process, and a dying client can emit several.
    client.on('error', markDropped);
    client.once('end', markDropped);
    signal.addEventListener('abort', markDropped, { once: true });
    let listened = false;
    let connectionLost = false;
    try {
      await client.connect().catch((error: unknown) => {
        this.watch.connectFailed(error);
        throw error;
      });
      this.watch.reached();
      if (signal.aborted) return false;
      await client.query(`LISTEN "${this.channel}"`).catch((error: unknown) => {
        connectionLost = isConnectionLoss(error);
        throw error;
      });
      client.on('notification', () => this.onWake());
      listened = true;
      this.onWake();
      await dropped;
      connectionLost = true;
    } catch {
      // Connecting or LISTEN failed; the caller backs off and tries again.
    } finally {
      if (connectionLost && !signal.aborted) this.watch.lost(client);
      signal.removeEventListener('abort', markDropped);
      this.client = undefined;
      await client.end().catch(() => undefined);
    }
    return listened;
  }
}

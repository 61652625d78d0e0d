import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP forwarder on loopback between a client and PostgreSQL that can go silent: it stops
 * passing bytes either way but keeps both sockets open, as a network partition or a host that
 * vanished would. The client then hears nothing, not even a close, and the server keeps the
 * session (and its advisory locks) until the forwarder cuts its side.
 */
export class SilentProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly server: Server;
  private silent = false;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.forward(client));
  }

  static async start(targetPort: number): Promise<SilentProxy> {
    const proxy = new SilentProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    return address.port;
  }

  /** From now on nothing passes; sockets stay open. */
  goSilent(): void {
    this.silent = true;
  }

  /** Closes the sockets to the server, which then ends those sessions. */
  cutUpstream(): void {
    for (const { upstream } of this.pairs) upstream.destroy();
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.on('data', (chunk) => {
      if (!this.silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!this.silent) client.write(chunk);
    });
    // Silent means no close is passed on either: each side only learns by its own means.
    client.on('close', () => {
      if (!this.silent) upstream.destroy();
    });
    upstream.on('close', () => {
      if (!this.silent) client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}

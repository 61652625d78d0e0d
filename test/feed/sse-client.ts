import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/** One Server-Sent Event or comment as a test client parsed it. */
export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/**
 * A minimal Server-Sent Events client over node:http to 127.0.0.1: it parses frames as they
 * arrive, and `until` resolves once the events received satisfy a condition (no timers: the
 * Jest timeout is the only bound). `close` drops the connection as a killed client would.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  ended = false;
  private buffer = '';
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private req: ClientRequest | undefined;
  response: IncomingMessage | undefined;

  static open(port: number, path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.req = request({ host: '127.0.0.1', port, path, headers }, (response) => {
        client.response = response;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.receive(chunk));
        // 'close' also comes when the server died mid-stream (no 'end' then).
        response.on('close', () => {
          client.ended = true;
          client.check();
        });
        response.on('error', () => undefined);
        resolve(client);
      });
      client.req.on('error', reject);
      client.req.end();
    });
  }

  /** The bodies of the `change` events, parsed. */
  changes<T = Record<string, unknown>>(): T[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data!) as T);
  }

  /** Resolves once `test` holds (checked after every event and at the end of the stream). */
  until(test: (client: SseClient) => boolean): Promise<void> {
    if (test(this)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test: () => test(this), resolve }));
  }

  close(): void {
    this.req?.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.events.push(parseFrame(frame));
    }
    this.check();
  }

  private check(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test()) return true;
      waiter.resolve();
      return false;
    });
  }
}

function parseFrame(frame: string): SseEvent {
  const event: Record<string, string> = {};
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      event[field] = event[field] === undefined ? value : `${event[field]}\n${value}`;
    }
  }
  return event;
}

import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the receiver answers one request: a status (with headers, a body), or no answer. */
export type Answer =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | 'hang';

/**
 * A processor's endpoint on 127.0.0.1 for tests: records every request with its raw body and
 * answers from a script per path (the last answer repeats; 200 without a script). A hung
 * request is ended when the receiver closes, so the server always stops.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly hung = new Set<ServerResponse>();
  private readonly listeners = new Set<(request: ReceivedWebhook) => void>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.received.push(received);
      for (const listener of this.listeners) listener(received);
      this.answer(received.path, response);
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  script(path: string, ...answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Calls `listener` with every request from now on. */
  onRequest(listener: (request: ReceivedWebhook) => void): void {
    this.listeners.add(listener);
  }

  async close(): Promise<void> {
    for (const response of this.hung) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(path: string, response: ServerResponse): void {
    const script = this.scripts.get(path) ?? [];
    const answer = script.length > 1 ? script.shift()! : (script[0] ?? { status: 200 });
    if (answer === 'hang') {
      this.hung.add(response);
      return;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body ?? '');
  }
}

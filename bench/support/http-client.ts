import { Agent, request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * HTTP/1.1 client for load on loopback: one keep-alive connection per request in flight,
 * reused for every request, so the figures measure the service and not TCP set-up. Every
 * request carries `headers` (e.g. `authorization`), so the load keeps working once the
 * service requires credentials.
 */
export class LoopbackClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    connections: number,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
    });
  }

  get(path: string): Promise<HttpAnswer> {
    return this.send('GET', path, undefined, {});
  }

  /** POSTs a JSON body with extra headers (an Idempotency-Key, say). */
  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.postJson(path, JSON.stringify(body), headers);
  }

  /** POSTs JSON already serialised: a load loop sends the same bodies again and again. */
  postJson(path: string, json: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('POST', path, json, headers);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          headers: {
            ...this.headers,
            ...headers,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** The `authorization` header to send, from BENCH_AUTHORIZATION when set (e.g. `Bearer …`). */
export function authorizationFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.BENCH_AUTHORIZATION?.trim();
  return value ? value : undefined;
}

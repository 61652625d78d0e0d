import { Agent, request } from 'node:http';

/**
 * HTTP/1.1 client for load: one keep-alive connection per request in flight, reused for
 * every request, so the figures measure the service and not TCP set-up.
 */
export class KeepAliveClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    connections: number,
    /** Sent with every request. */
    private readonly authorization: string,
  ) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
    });
  }

  /** POSTs a JSON body; resolves with the status and the body text. */
  post(path: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path,
          headers: {
            authorization: this.authorization,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
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

  close(): void {
    this.agent.destroy();
  }
}

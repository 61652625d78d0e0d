import { ConnectionLost, type CommandTarget, type Reply } from './command-load';

/**
 * A generous bound on one answer: a request that takes longer is a hang and fails the test.
 * It is not a speed target.
 */
const ANSWER_BOUND_MS = 30_000;

/**
 * The command load's target over real HTTP on loopback, with one API key. A request whose
 * connection breaks (the service was killed, or is not listening yet) throws
 * `ConnectionLost`; one that gets no answer within the bound throws a plain error.
 */
export class HttpTarget implements CommandTarget {
  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
  ) {}

  get(url: string): Promise<Reply> {
    return this.send('GET', url, undefined, {});
  }

  post(url: string, body: unknown, options: { key: string }): Promise<Reply> {
    return this.send('POST', url, JSON.stringify(body), {
      'content-type': 'application/json',
      'idempotency-key': options.key,
    });
  }

  async send(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Reply> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl()}${url}`, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, ...headers },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new Error(`${method} ${url} got no answer within ${ANSWER_BOUND_MS} ms`, {
          cause: error,
        });
      }
      throw new ConnectionLost(`${method} ${url}: ${String(error)}`, { cause: error });
    }
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body: text,
    };
  }
}

import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A response as read off the socket, before any client library could tidy it. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Makes `app` listen on a free loopback port and returns the port. */
export async function listenOnLoopback(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

export interface SendRawOptions {
  readonly timeoutMs?: number;
  /** End the sending side after the request (a client that has nothing more to say). */
  readonly halfClose?: boolean;
  /** The request is a HEAD: its response has headers only, whatever they announce. */
  readonly head?: boolean;
}

/**
 * Writes `request` as it is (bytes Node's own client would refuse to send) to 127.0.0.1 and
 * reads the first final response (interim 1xx ones are skipped). Resolves once it is
 * complete (by Content-Length) or the server closes; rejects if neither happens within
 * `timeoutMs`, so a test never hangs.
 */
export function sendRaw(
  port: number,
  request: string | Buffer,
  { timeoutMs = 10_000, halfClose = false, head = false }: SendRawOptions = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      const response = parse(Buffer.concat(chunks), head);
      if (!error && !response) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (response) resolve(response);
      else reject(error ?? new Error('no response'));
    };
    const timer = setTimeout(
      () => finish(new Error(`no complete response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => finish(new Error('closed without a response')));
    socket.on('close', () => finish(new Error('closed without a response')));
    socket.on('error', (error) => finish(error));
    if (halfClose) socket.end(request);
    else socket.write(request);
  });
}

/** The final response in `bytes`, once it is complete; undefined while it is not. */
function parse(bytes: Buffer, head: boolean): RawResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  if (/^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 13).toString('latin1'))) {
    return parse(bytes.subarray(end + 4), head);
  }
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  const body = bytes.subarray(end + 4);
  if (head || status === 204 || status === 304) return { status, headers, body: '' };
  const length = Number(headers['content-length'] ?? NaN);
  if (Number.isInteger(length) && body.length < length) return undefined;
  if (!Number.isInteger(length) && headers['transfer-encoding'] !== undefined) return undefined;
  return {
    status,
    headers,
    body: body.subarray(0, Number.isInteger(length) ? length : body.length).toString('utf8'),
  };
}

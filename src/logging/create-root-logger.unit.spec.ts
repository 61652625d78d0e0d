import { Writable } from 'node:stream';
import { createRootLogger } from './create-root-logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createRootLogger', () => {
  it('writes JSON lines with the level name and an ISO timestamp', () => {
    const { stream, lines } = capture();
    createRootLogger('info', stream).info('hello');
    expect(lines()[0]).toMatchObject({
      level: 'info',
      msg: 'hello',
      name: 'consent-ledger',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
  });

  it('honours the level', () => {
    const { stream, lines } = capture();
    const logger = createRootLogger('warn', stream);
    logger.info('dropped');
    logger.warn('kept');
    expect(lines().map((line) => line.msg)).toEqual(['kept']);
  });

  it('redacts credentials and idempotency keys if headers are ever logged', () => {
    const { stream, lines } = capture();
    createRootLogger('info', stream).info(
      {
        headers: {
          authorization: 'Bearer s3cret',
          'idempotency-key': 'key-1',
          cookie: 'sid=1',
          accept: 'application/json',
        },
      },
      'headers',
    );
    expect(lines()[0]?.headers).toEqual({
      authorization: '[redacted]',
      'idempotency-key': '[redacted]',
      cookie: '[redacted]',
      accept: 'application/json',
    });
  });

  it('serialises a request as its method only, never URL or headers', () => {
    const { stream, lines } = capture();
    createRootLogger('info', stream).info(
      { req: { method: 'GET', url: '/subjects/alice?email=a@b', headers: { host: 'x' } } },
      'request',
    );
    expect(lines()[0]?.req).toEqual({ method: 'GET' });
  });
});

import { loggableError } from './loggable-error';

const request = { raw: { url: '/v1/subjects/al%69ce@example.org/x?email=bob%40example.org&q=1' } };

describe('loggableError', () => {
  it('keeps name, message, stack and code of an error', () => {
    const error = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });
    const logged = loggableError(error);
    expect({ ...logged }).toEqual({
      name: 'TypeError',
      message: 'boom',
      stack: expect.stringContaining('TypeError: boom') as unknown,
      code: 'E_BOOM',
    });
  });

  it("scrubs the request's URL, raw and decoded, from message and stack", () => {
    const error = new Error(
      `'${request.raw.url}' failed; decoded '/v1/subjects/alice@example.org/x?email=bob@example.org&q=1'`,
    );
    const logged = loggableError(error, request);
    for (const text of [logged.message, logged.stack ?? '']) {
      expect(text).not.toMatch(/alice|al%69ce|bob|email=/);
    }
    expect(logged.message).toContain('[url]');
  });

  it('scrubs anything that looks like a path with a query, whichever request it came from', () => {
    const logged = loggableError(new Error('GET /other/path?token=s3cret failed'));
    expect(logged.message).toBe('GET [url] failed');
  });

  it('leaves out other members, which may hold the request bytes', () => {
    const error = Object.assign(new Error('Parse Error'), {
      rawPacket: Buffer.from('GET /?email=a@b HTTP/1.1'),
      bytesParsed: 3,
    });
    expect(Object.keys(loggableError(error))).toEqual(['name', 'message', 'stack']);
  });

  it('describes a thrown non-error by its type only', () => {
    expect({ ...loggableError('alice@example.org') }).toEqual({
      name: 'string',
      message: '[thrown value is not an Error]',
    });
  });

  it('takes errors from another realm', () => {
    const foreign = { name: 'Error', message: 'from a vm context /a?b=c', stack: 'Error: x' };
    expect(loggableError(foreign).message).toBe('from a vm context [url]');
  });
});

import Fastify from 'fastify';
import { refuseMalformedUnicode } from './well-formed-unicode';

describe('refuseMalformedUnicode', () => {
  const app = Fastify();
  app.addHook('preValidation', refuseMalformedUnicode);
  app.post('/echo', (request) => ({ received: request.body }));
  afterAll(() => app.close());

  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/echo?x=1',
      headers: { 'content-type': 'application/json' },
      payload,
    });

  it('lets well-formed text through, astral characters and escapes included', async () => {
    const response = await post('{"name":"\\ud83d\\ude81 drone","list":["é"]}');
    expect(response.statusCode).toBe(200);
  });

  it('names the nested field that holds an unpaired surrogate', async () => {
    const response = await post('{"outer":{"list":["ok","\\udc00"]}}');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      instance: '/echo',
      errors: [{ field: 'outer.list[1]' }],
    });
  });

  it('refuses an unpaired surrogate in a key', async () => {
    const response = await post('{"\\ud800":1}');
    expect(response.statusCode).toBe(400);
  });
});

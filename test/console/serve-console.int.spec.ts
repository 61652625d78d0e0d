import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { serveConsole } from '../../src/console-assets';

/** Without `npm run build` the console says what to run instead of a bare 404. */
describe('serving a console that was never built', () => {
  const empty = mkdtempSync(join(tmpdir(), 'consent-ledger-no-console-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('answers 503 problem+json naming npm run build, with the console headers', async () => {
    const fastify = Fastify();
    serveConsole(fastify, empty);
    await fastify.ready();
    try {
      const response = await fastify.inject({ method: 'GET', url: '/console/' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json<{ detail: string }>().detail).toMatch(/npm run build/);
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    } finally {
      await fastify.close();
    }
  });
});

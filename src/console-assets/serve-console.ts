import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE_HEADER, PROBLEM_TYPES } from '../http';
import { consoleAssetsDir } from './console-assets-dir';
import { CONSOLE_HEADERS } from './console-headers';

export const CONSOLE_PATH = '/console';

/**
 * Serves the auditor console's static assets at /console/ (docs/adr/0040). They are plain
 * Fastify routes, not NestJS ones: they need no credential (the page asks for one and sends
 * it to the API itself) and stay out of the OpenAPI document, which describes the API.
 * Without a build the page answers 503 with what to run, as problem+json.
 */
export function serveConsole(fastify: FastifyInstance, root: string = consoleAssetsDir()): void {
  void fastify.register((scope, _options, done) => {
    scope.addHook('onSend', (_request, reply, payload, next) => {
      reply.headers(CONSOLE_HEADERS);
      next(null, payload);
    });
    scope.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 302));
    if (existsSync(join(root, 'index.html'))) {
      void scope.register(fastifyStatic, {
        root,
        prefix: `${CONSOLE_PATH}/`,
        decorateReply: false,
        index: ['index.html'],
        // No directory listing, no dotfiles; the folder holds only what the build wrote.
        list: false,
        dotfiles: 'deny',
      });
    } else {
      scope.get(`${CONSOLE_PATH}/*`, (_request, reply) => notBuilt(reply));
    }
    done();
  });
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(503).header('content-type', PROBLEM_CONTENT_TYPE_HEADER).send({
    type: PROBLEM_TYPES.serviceUnavailable,
    title: 'The console is not built',
    status: 503,
    detail: 'Run `npm run build` (or `npm run build:console`) and restart the service.',
  });
}

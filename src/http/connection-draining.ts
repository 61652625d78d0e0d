import { type BeforeApplicationShutdown, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { type Problem, PROBLEM_CONTENT_TYPE_HEADER, problemDocument } from './problem';
import { PROBLEM_TYPES } from './problem-types';
import { requestPathOf } from '../logging';

/** What a request that arrives once the server is closing gets. */
const SHUTTING_DOWN: Problem = {
  type: PROBLEM_TYPES.serviceUnavailable,
  title: 'Service unavailable',
  status: 503,
  detail: 'The service is shutting down. Retry; another replica, or this one restarted, answers.',
  headers: { 'retry-after': '1' },
};

/**
 * Lets keep-alive clients go once shutdown starts. Closing the server only drops connections
 * that are idle at that moment; one whose request is still running would turn idle later and
 * hold the shutdown open until its keep-alive timeout. Answering with `Connection: close`
 * from then on ends each connection as soon as its in-flight request is done.
 *
 * A request that still arrives once Fastify is closing gets a 503 problem with Retry-After
 * (Fastify's own 503 there is plain JSON: `return503OnClosing` is off, see `http-edge.ts`).
 */
@Injectable()
export class ConnectionDraining implements OnModuleInit, BeforeApplicationShutdown {
  private draining = false;
  private closing = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!this.closing) return done();
      if (request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
      void reply
        .code(SHUTTING_DOWN.status)
        .headers({ ...SHUTTING_DOWN.headers, 'content-type': PROBLEM_CONTENT_TYPE_HEADER })
        .send(JSON.stringify(problemDocument(SHUTTING_DOWN, requestPathOf(request))));
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (this.draining && request.raw.httpVersionMajor < 2)
        void reply.header('connection', 'close');
      done(null, payload);
    });
  }

  /** Nest calls this before it closes the HTTP server. */
  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}

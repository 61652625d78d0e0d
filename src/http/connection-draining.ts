import { type BeforeApplicationShutdown, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Lets keep-alive clients go once shutdown starts. Closing the server only drops connections
 * that are idle at that moment; one whose request is still running would turn idle later and
 * hold the shutdown open until its keep-alive timeout. Answering with `Connection: close`
 * from then on ends each connection as soon as its in-flight request is done.
 */
@Injectable()
export class ConnectionDraining implements OnModuleInit, BeforeApplicationShutdown {
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
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

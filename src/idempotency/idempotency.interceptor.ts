import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException, PROBLEM_TYPES } from '../http';
import { callerOf } from '../shared/tenancy/caller';
import type { RequestWithCaller } from '../shared/tenancy/caller';
import { IDEMPOTENCY_SECRET } from './idempotency.tokens';
import { IdempotencyStore, type StoredResponse } from './idempotency-store';
import { IDEMPOTENCY_HEADER, requireIdempotencyKey } from './idempotency-key';
import { answerAs, saysReplayed } from './replay-signal';
import { keyDigest, requestFingerprint } from './request-fingerprint';

/**
 * Bound by `@Idempotent()` to the routes it marks. The first response to a key is recorded;
 * a retry with the same key and the same body gets that response again, marked as a replay
 * (`Idempotent-Replayed: true` and `replayed: true`); a reuse of the key with another body
 * gets 422. Executing twice is harmless even when two tries race, because their events
 * carry the same deterministic ids.
 *
 * It runs before the validation pipe, so it fingerprints the body as parsed: the strict
 * JSON parser has already bounded its depth and refused what cannot be canonicalised.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_SECRET) private readonly secret: Buffer,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.handle(context, next));
  }

  private async handle(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithCaller>();
    const reply = http.getResponse<FastifyReply>();
    const key = requireIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    const { tenantId } = callerOf(request);
    const digest = keyDigest(this.secret, tenantId, key);
    const path = request.url.split('?')[0] ?? request.url;
    const fingerprint = requestFingerprint(this.secret, request.method, path, request.body);

    const earlier = await this.store.find(tenantId, digest);
    if (earlier) return this.replay(earlier, fingerprint, reply);

    const body: unknown = await lastValueFrom(next.handle());
    const status = this.successStatus(context, request.method);
    const headers = replayedHeaders(reply);
    const { recorded, first } = await this.store.save(
      tenantId,
      digest,
      { fingerprint, status, body, headers },
      Date.now(),
    );
    if (recorded.fingerprint !== fingerprint) throw keyReused();
    // A replay if this try found its events already appended (the record was purged or
    // never written), or if a concurrent try of the key recorded its answer first.
    return answerAs(reply, recorded.body, saysReplayed(body) || !first);
  }

  private replay(earlier: StoredResponse, fingerprint: string, reply: FastifyReply): unknown {
    if (earlier.fingerprint !== fingerprint) throw keyReused();
    void reply.status(earlier.status);
    for (const [name, value] of Object.entries(earlier.headers)) void reply.header(name, value);
    return answerAs(reply, earlier.body, true);
  }

  private successStatus(context: ExecutionContext, method: string): number {
    const declared = this.reflector.get<number | undefined>(
      HTTP_CODE_METADATA,
      context.getHandler(),
    );
    return declared ?? (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
  }
}

/** Headers that are part of the answer itself and so must come back on a replay. */
const REPLAYED_HEADERS = ['etag'];

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function keyReused(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.idempotencyKeyReused,
    title: 'Idempotency-Key reused with a different request',
    status: 422,
    detail:
      'This Idempotency-Key was already used with a different request body or path. Send a new key for a new request, or the identical request to retry.',
  });
}

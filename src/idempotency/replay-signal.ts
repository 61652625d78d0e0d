import type { FastifyReply } from 'fastify';

/** Set, to `true`, on every answer that an earlier try of the same request had produced. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Whether a command's answer says it was a replay: every receipt carries `replayed`, true
 * when an earlier try of the same request had already appended its events.
 */
export function saysReplayed(body: unknown): boolean {
  return isReceipt(body) && body.replayed === true;
}

/**
 * The answer as this try gives it: the receipt on record, with `replayed` saying whether
 * this try found the work done, and the `Idempotent-Replayed` header to match. A replay
 * reads the same whether it came from the idempotency record or was rebuilt from the
 * stream (the record was purged, or lost in a crash between append and record).
 */
export function answerAs<Body>(reply: FastifyReply, body: Body, replayed: boolean): Body {
  if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return isReceipt(body) ? { ...body, replayed } : body;
}

function isReceipt<Body>(body: Body): body is Body & { replayed: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'replayed' in body;
}

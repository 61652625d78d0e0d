import type { FastifyReply } from 'fastify';
import type { Caller } from '../../shared/tenancy/caller';
import type { SubjectRequest } from '../application/subject-command.service';
import type { CommandReceipt } from './command-receipt';
import { etagOf, expectedRevisionFrom } from './if-match';

/** The parts of a subject command that come from the path and headers. */
export function subjectRequest(
  caller: Caller,
  subjectId: string,
  idempotencyKey: string,
  ifMatch: string | undefined,
): SubjectRequest {
  const expectedRevision = expectedRevisionFrom(ifMatch);
  return {
    caller,
    subjectId,
    idempotencyKey,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/** The subject's new ETag goes out with every command response. */
export function withEtag<R extends CommandReceipt>(reply: FastifyReply, receipt: R): R {
  void reply.header('etag', etagOf(receipt.revision));
  return receipt;
}

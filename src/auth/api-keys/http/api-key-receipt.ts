import type { FastifyReply } from 'fastify';
import { answerAs } from '../../../idempotency';
import type { RegistryChange } from '../api-key-registry';
import { type ApiKeyReceipt, apiKeyViewOf } from './api-key.view';

/** The answer to a key command; a replay is marked as every other command marks it. */
export function receiptOf(
  tenantId: string,
  change: RegistryChange,
  reply: FastifyReply,
): ApiKeyReceipt {
  const receipt: ApiKeyReceipt = {
    ...apiKeyViewOf(tenantId, change.key),
    ...(change.apiKey === undefined ? {} : { apiKey: change.apiKey }),
    consistencyToken: change.consistencyToken,
    replayed: change.replayed,
  };
  return answerAs(reply, receipt, change.replayed);
}

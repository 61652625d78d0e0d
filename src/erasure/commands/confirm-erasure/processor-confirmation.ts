import { maySeeRecipient } from '../../../shared/tenancy/recipient-scope';
import type { Caller } from '../../../shared/tenancy/caller';
import { ErasureRefusal } from '../../domain/erasure-refusal';
import { erasureNotFound } from '../../domain/erasure-step-checks';

/**
 * A processor confirms erasures with its own credential, for its own recipient only (ADR
 * 0042). For any other recipient, and for an erasure its recipient was not notified of, it
 * gets what a made-up erasure id gets: 404, and nothing about the other recipients (the
 * workflow's own refusal would list them).
 */
export async function confirmingAsScoped<T>(
  caller: Caller,
  recipient: string,
  erasureId: string,
  confirm: () => Promise<T>,
): Promise<T> {
  if (caller.recipientScope.kind === 'every-recipient') return confirm();
  if (!maySeeRecipient(caller, recipient)) throw erasureNotFound(erasureId);
  try {
    return await confirm();
  } catch (error) {
    if (error instanceof ErasureRefusal && error.code === 'recipient-not-notified') {
      throw erasureNotFound(erasureId);
    }
    throw error;
  }
}

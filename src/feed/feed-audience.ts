import type { Caller } from '../shared/tenancy/caller';
import { type RecipientScope, recipientsVisibleTo } from '../shared/tenancy/recipient-scope';

/**
 * Whose changes a caller may see in the feed: every recipient's, or only its own (a
 * processor's credential, ADR 0042). The one place the feed decides it.
 */
export type VisibleRecipients = RecipientScope;

export function visibleRecipients(caller: Caller): VisibleRecipients {
  return recipientsVisibleTo(caller);
}

/**
 * A caller scoped to one recipient asked for another: answered as if that recipient did not
 * exist (404), so a processor learns nothing about the others.
 */
export class RecipientNotVisible extends Error {
  constructor(readonly recipient: string) {
    super(`No recipient ${JSON.stringify(recipient)} for this credential`);
    this.name = 'RecipientNotVisible';
  }
}

/**
 * The recipients a read is to be limited to: those the caller may see, narrowed to the one it
 * asked for. Undefined: every recipient.
 */
export function recipientsToRead(
  visible: VisibleRecipients,
  asked: string | undefined,
): readonly string[] | undefined {
  if (visible.kind === 'every-recipient') return asked === undefined ? undefined : [asked];
  if (asked !== undefined && asked !== visible.recipient) throw new RecipientNotVisible(asked);
  return [visible.recipient];
}

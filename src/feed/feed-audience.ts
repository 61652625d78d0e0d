import type { RecipientScope } from '../shared/tenancy/recipient-scope';

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
 * The recipients a read is to be limited to: those the caller may see (every recipient, or
 * only its own for a processor's credential, ADR 0042), narrowed to the one it asked for.
 * Undefined: every recipient. The one place the feed decides whose changes a caller sees.
 */
export function recipientsToRead(
  visible: RecipientScope,
  asked: string | undefined,
): readonly string[] | undefined {
  if (visible.kind === 'every-recipient') return asked === undefined ? undefined : [asked];
  if (asked !== undefined && asked !== visible.recipient) throw new RecipientNotVisible(asked);
  return [visible.recipient];
}

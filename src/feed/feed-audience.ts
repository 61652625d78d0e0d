import type { Caller } from '../shared/tenancy/caller';

/**
 * Whose changes a caller may see in the feed: every recipient's, or only some. The one place
 * that decides it — a credential scoped to one recipient (a processor's) is to see only that
 * recipient's changes; today every role that may read the feed sees all of them.
 */
export type VisibleRecipients =
  { readonly kind: 'all' } | { readonly kind: 'only'; readonly recipients: readonly string[] };

export function visibleRecipients(_caller: Caller): VisibleRecipients {
  return { kind: 'all' };
}

/**
 * The recipients a read is to be limited to: those the caller may see, narrowed to the one it
 * asked for. Undefined: every recipient; empty: none at all.
 */
export function recipientsToRead(
  visible: VisibleRecipients,
  asked: string | undefined,
): readonly string[] | undefined {
  if (visible.kind === 'all') return asked === undefined ? undefined : [asked];
  if (asked === undefined) return visible.recipients;
  return visible.recipients.includes(asked) ? [asked] : [];
}

import type { Caller, RecipientScope } from './caller';

export type { RecipientScope } from './caller';

export const EVERY_RECIPIENT: RecipientScope = Object.freeze({ kind: 'every-recipient' });

export function oneRecipient(recipient: string): RecipientScope {
  return { kind: 'one-recipient', recipient };
}

/**
 * Which recipients may this caller see? The one question an endpoint asks before it shows or
 * accepts anything about a recipient (the feed, acknowledgements, erasure confirmations).
 */
export function recipientsVisibleTo(caller: Caller): RecipientScope {
  return caller.recipientScope;
}

/**
 * Whether the caller may see, or act for, `recipient`. An endpoint answers a recipient the
 * caller may not see exactly as a recipient that does not exist (404): a processor learns
 * nothing about the others.
 */
export function maySeeRecipient(caller: Caller, recipient: string): boolean {
  const scope = recipientsVisibleTo(caller);
  return scope.kind === 'every-recipient' || scope.recipient === recipient;
}

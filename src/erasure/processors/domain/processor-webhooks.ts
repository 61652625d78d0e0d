import { DomainError } from '../../../shared/domain/domain-error';
import type { IsoInstant } from '../../../shared/time/instant';
import type { ProcessorEvent, ProcessorWebhookConfigured } from './processor-webhook.events';

/** A recipient's webhook as the stream's events leave it. */
interface ProcessorWebhook {
  readonly recipient: string;
  readonly url: string;
  readonly secretId: string;
  readonly configuredAt: IsoInstant;
  readonly secretIssuedAt: IsoInstant;
}

/** Every configured webhook of a tenant, by recipient. */
export type ProcessorWebhooks = ReadonlyMap<string, ProcessorWebhook>;

export function evolveWebhooks(state: ProcessorWebhooks, event: ProcessorEvent): ProcessorWebhooks {
  const previous = state.get(event.recipient);
  const next = new Map(state);
  next.set(event.recipient, {
    recipient: event.recipient,
    url: event.url,
    secretId: event.secretId,
    configuredAt: event.occurredAt,
    secretIssuedAt: event.secretRotated || !previous ? event.occurredAt : previous.secretIssuedAt,
  });
  return next;
}

export function foldWebhooks(events: readonly ProcessorEvent[]): ProcessorWebhooks {
  return events.reduce(evolveWebhooks, new Map<string, ProcessorWebhook>());
}

export interface ConfigureWebhook {
  readonly tenantId: string;
  readonly recipient: string;
  readonly url: string;
  /** Recipient keys of the tenant's policy in force. */
  readonly recipients: readonly string[];
  /** Rotate even if a secret is in force. A first configuration always issues one. */
  readonly rotateSecret: boolean;
  /** The id a new secret would get (generated outside: deciders have no randomness). */
  readonly newSecretId: string;
  readonly now: IsoInstant;
}

/**
 * Decides a configuration: the recipient must be one of the policy's; the first
 * configuration issues a secret; changing the URL keeps it unless a rotation is asked for;
 * the same URL without rotation records nothing.
 */
export function decideConfigureWebhook(
  command: ConfigureWebhook,
  state: ProcessorWebhooks,
): ProcessorWebhookConfigured[] {
  requireKnownRecipient(command.recipient, command.recipients);
  const current = state.get(command.recipient);
  if (current && current.url === command.url && !command.rotateSecret) return [];
  const rotate = !current || command.rotateSecret;
  return [
    {
      type: 'processor-webhook-configured',
      schemaVersion: 1,
      tenantId: command.tenantId,
      recipient: command.recipient,
      url: command.url,
      secretId: rotate ? command.newSecretId : current.secretId,
      secretRotated: rotate,
      occurredAt: command.now,
    },
  ];
}

export function requireKnownRecipient(recipient: string, recipients: readonly string[]): void {
  if (recipients.includes(recipient)) return;
  throw new DomainError(
    'unknown-recipient',
    `unknown recipient "${recipient}"; valid: ${recipients.join(', ')}`,
    { field: 'recipient', allowed: recipients },
  );
}

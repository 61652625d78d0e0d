import { DomainError } from '../../../shared/domain/domain-error';
import type { IsoInstant } from '../../../shared/time/instant';
import {
  DEFAULT_WEBHOOK_EVENTS,
  type ProcessorEvent,
  type ProcessorWebhookConfigured,
  type WebhookEventType,
} from './processor-webhook.events';

/** A recipient's webhook as the stream's events leave it. */
interface ProcessorWebhook {
  readonly recipient: string;
  readonly url: string;
  readonly secretId: string;
  readonly configuredAt: IsoInstant;
  readonly secretIssuedAt: IsoInstant;
  readonly events: readonly WebhookEventType[];
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
    events: event.events ?? DEFAULT_WEBHOOK_EVENTS,
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
  /** What the webhook is sent; undefined keeps what is in force (the default at first). */
  readonly events?: readonly WebhookEventType[];
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
  const events = normalEvents(command.events ?? current?.events ?? DEFAULT_WEBHOOK_EVENTS);
  const sameEvents = current !== undefined && sameList(current.events, events);
  if (current && current.url === command.url && !command.rotateSecret && sameEvents) return [];
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
      // Absent means the default, so a configuration that never chose reads as before.
      ...(sameList(events, DEFAULT_WEBHOOK_EVENTS) ? {} : { events }),
    },
  ];
}

/** Erasure notices are always sent (the controller owes them); the list in a fixed order. */
function normalEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  const chosen = new Set<WebhookEventType>([...events, 'erasure.requested']);
  return (['erasure.requested', 'consent.changed'] as const).filter((e) => chosen.has(e));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, at) => item === b[at]);
}

export function requireKnownRecipient(recipient: string, recipients: readonly string[]): void {
  if (recipients.includes(recipient)) return;
  throw new DomainError(
    'unknown-recipient',
    `unknown recipient "${recipient}"; valid: ${recipients.join(', ')}`,
    { field: 'recipient', allowed: recipients },
  );
}

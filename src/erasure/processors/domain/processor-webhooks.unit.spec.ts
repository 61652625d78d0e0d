import { DomainError } from '../../../shared/domain/domain-error';
import type { IsoInstant } from '../../../shared/time/instant';
import type { ProcessorWebhookConfigured } from './processor-webhook.events';
import { type ConfigureWebhook, decideConfigureWebhook, foldWebhooks } from './processor-webhooks';

const T1 = '2026-03-01T10:00:00.000Z' as IsoInstant;
const T2 = '2026-03-02T10:00:00.000Z' as IsoInstant;

function command(overrides: Partial<ConfigureWebhook> = {}): ConfigureWebhook {
  return {
    tenantId: 'acme',
    recipient: 'map-provider-row',
    url: 'https://maps.processor.invalid/hooks',
    recipients: ['map-provider-row', 'first-party-row'],
    rotateSecret: false,
    newSecretId: 'secret-2',
    now: T2,
    ...overrides,
  };
}

const configured: ProcessorWebhookConfigured = {
  type: 'processor-webhook-configured',
  schemaVersion: 1,
  tenantId: 'acme',
  recipient: 'map-provider-row',
  url: 'https://maps.processor.invalid/hooks',
  secretId: 'secret-1',
  secretRotated: true,
  occurredAt: T1,
};

describe('decideConfigureWebhook', () => {
  it('issues a secret on the first configuration', () => {
    expect(decideConfigureWebhook(command(), foldWebhooks([]))).toEqual([
      { ...configured, secretId: 'secret-2', occurredAt: T2 },
    ]);
  });

  it('keeps the secret when only the URL changes, and records nothing for the same URL', () => {
    const state = foldWebhooks([configured]);
    expect(
      decideConfigureWebhook(command({ url: 'https://maps.processor.invalid/v2' }), state),
    ).toEqual([
      {
        ...configured,
        url: 'https://maps.processor.invalid/v2',
        secretId: 'secret-1',
        secretRotated: false,
        occurredAt: T2,
      },
    ]);
    expect(decideConfigureWebhook(command(), state)).toEqual([]);
  });

  it('rotates the secret on request, and the state tells when it was issued', () => {
    const [rotated] = decideConfigureWebhook(
      command({ rotateSecret: true }),
      foldWebhooks([configured]),
    );
    expect(rotated).toMatchObject({ secretId: 'secret-2', secretRotated: true });
    const moved = {
      ...configured,
      url: 'https://x.example/',
      secretRotated: false,
      occurredAt: T2,
    };
    expect(foldWebhooks([configured, moved]).get('map-provider-row')).toEqual({
      recipient: 'map-provider-row',
      url: 'https://x.example/',
      secretId: 'secret-1',
      configuredAt: T2,
      secretIssuedAt: T1,
      events: ['erasure.requested'],
    });
  });

  it('records a choice of events, keeps it across URL changes, and records nothing for the same', () => {
    const [chosen] = decideConfigureWebhook(
      command({ events: ['consent.changed', 'erasure.requested'] }),
      foldWebhooks([configured]),
    );
    expect(chosen).toMatchObject({ events: ['erasure.requested', 'consent.changed'] });
    const state = foldWebhooks([configured, chosen!]);
    expect(decideConfigureWebhook(command(), state)).toEqual([]);
    const [moved] = decideConfigureWebhook(
      command({ url: 'https://maps.processor.invalid/v2' }),
      state,
    );
    expect(moved).toMatchObject({ events: ['erasure.requested', 'consent.changed'] });
    // Back to the default: the event says so by leaving the field out.
    const [back] = decideConfigureWebhook(command({ events: ['erasure.requested'] }), state);
    expect(back).toBeDefined();
    expect(back!.events).toBeUndefined();
    expect(foldWebhooks([configured, chosen!, back!]).get('map-provider-row')?.events).toEqual([
      'erasure.requested',
    ]);
  });

  it('refuses a recipient the policy does not name, listing the allowed ones', () => {
    const decide = () => decideConfigureWebhook(command({ recipient: 'nobody' }), foldWebhooks([]));
    expect(decide).toThrow(DomainError);
    expect(decide).toThrow(
      expect.objectContaining({
        code: 'unknown-recipient',
        details: { field: 'recipient', allowed: ['map-provider-row', 'first-party-row'] },
      }) as Error,
    );
  });
});

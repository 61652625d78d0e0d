import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '../../shared/time/clock';
import { PolicyReader } from '../../consent';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../event-store';
import type { KeyEncryptionKeys } from '../../keys/kek/key-encryption-keys.port';
import { KEY_ENCRYPTION_KEYS } from '../../keys';
import { PROJECTIONS } from '../../projections';
import { ConfigureProcessorWebhook } from '../processors/configure-webhook/configure-processor-webhook';
import { ConfigureWebhookHandler } from '../processors/configure-webhook/configure-webhook.handler';
import { ConfigureWebhookController } from '../processors/configure-webhook/configure-webhook.http.controller';
import { GetWebhookHandler } from '../processors/get-webhook/get-webhook.handler';
import { GetWebhookController } from '../processors/get-webhook/get-webhook.http.controller';
import { ProcessorWebhooksReader } from '../processors/processor-webhooks.reader';
import { FeedReader } from '../../feed';
import { READ_STORE } from '../../read-store';
import type { ReadStore } from '../../read-store/read-store.port';
import { ChangeBatches } from './changes/change-batches';
import { ChangeWebhookPayloads } from './changes/change-webhook-payload';
import { ErasureWebhookPayloads } from './delivery/erasure-webhook-payload';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookMetrics } from './delivery/webhook-metrics';
import { ErasureWebhookOutboxProjection } from './outbox/erasure-webhook-outbox.projection';
import { type HostResolver, systemResolver } from './safety/host-resolver';
import { WebhookSecrets } from './secrets/webhook-secrets';
import { openWebhookStorage } from './storage/open-webhook-storage';
import type { WebhookStorage } from './storage/webhook-storage';
import {
  CUSTOM_WEBHOOK_RESOLVER,
  WEBHOOK_OUTBOX,
  WEBHOOK_RESOLVER,
  WEBHOOK_SECRETS,
  WEBHOOK_STORAGE,
} from './webhooks.tokens';

/**
 * Erasure notifications delivered (ADR 0015): the processors' webhook registry, the
 * durable outbox fed by `erasure-processor-notified`, the signing secrets wrapped by the
 * KEK, the dispatcher with its safety rules, and the metrics. The outbox and the secrets
 * live in the key store's database, opened here and closed at shutdown.
 */
@Module({
  imports: [CqrsModule],
  controllers: [ConfigureWebhookController, GetWebhookController],
  providers: [
    {
      provide: WEBHOOK_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<WebhookStorage> =>
        openWebhookStorage(config.keys.store),
    },
    {
      provide: WEBHOOK_OUTBOX,
      inject: [WEBHOOK_STORAGE],
      useFactory: (storage: WebhookStorage) => storage.outbox,
    },
    {
      provide: WEBHOOK_SECRETS,
      inject: [WEBHOOK_STORAGE, KEY_ENCRYPTION_KEYS],
      useFactory: (storage: WebhookStorage, kek: KeyEncryptionKeys) =>
        new WebhookSecrets(storage.secretRows, kek),
    },
    {
      provide: WEBHOOK_RESOLVER,
      inject: [{ token: CUSTOM_WEBHOOK_RESOLVER, optional: true }],
      useFactory: (custom: HostResolver | undefined): HostResolver => custom ?? systemResolver,
    },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: PolicyReader,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new PolicyReader(store),
    },
    ProcessorWebhooksReader,
    {
      provide: FeedReader,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new FeedReader(store),
    },
    ErasureWebhookPayloads,
    ChangeBatches,
    ChangeWebhookPayloads,
    WebhookMetrics,
    WebhookDispatcher,
    ConfigureProcessorWebhook,
    ConfigureWebhookHandler,
    GetWebhookHandler,
    {
      provide: PROJECTIONS,
      inject: [WEBHOOK_STORAGE, WebhookDispatcher],
      useFactory: (storage: WebhookStorage, dispatcher: WebhookDispatcher) => [
        new ErasureWebhookOutboxProjection(storage.outbox, () => dispatcher.nudge()),
      ],
    },
  ],
  exports: [WEBHOOK_OUTBOX, WEBHOOK_SECRETS, WebhookDispatcher],
})
export class ErasureWebhooksModule implements OnApplicationShutdown {
  constructor(@Inject(WEBHOOK_STORAGE) private readonly storage: WebhookStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

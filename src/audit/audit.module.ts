import { Logger, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import { ProjectorHost, PROJECTIONS } from '../projections';
import type { ReadStore } from '../read-store/read-store.port';
import { READ_STORE } from '../read-store';
import { CHECKPOINT_SIGNER, CHECKPOINT_SIGNING_KEY, SIGNER_POLL_MS } from './audit.tokens';
import { CheckpointSigner } from './checkpoints/checkpoint-signer';
import { CheckpointSignerService, signerPollMs } from './checkpoints/checkpoint-signer.service';
import { type CheckpointSigningKey, logOrigin } from './checkpoints/checkpoint-signing-key';
import { loadSigningKeyFile } from './checkpoints/signing-key-file';
import { AuditExporter } from './export/audit-exporter';
import { GetCheckpointHandler } from './queries/get-checkpoint/get-checkpoint.handler';
import { GetCheckpointController } from './queries/get-checkpoint/get-checkpoint.http.controller';
import { GetConsistencyProofHandler } from './queries/get-consistency-proof/get-consistency-proof.handler';
import { GetConsistencyProofController } from './queries/get-consistency-proof/get-consistency-proof.http.controller';
import { GetExportBundleHandler } from './queries/get-export-bundle/get-export-bundle.handler';
import { GetExportBundleController } from './queries/get-export-bundle/get-export-bundle.http.controller';
import { GetInclusionProofHandler } from './queries/get-inclusion-proof/get-inclusion-proof.handler';
import { GetInclusionProofController } from './queries/get-inclusion-proof/get-inclusion-proof.http.controller';
import { GetLatestCheckpointHandler } from './queries/get-latest-checkpoint/get-latest-checkpoint.handler';
import { GetLatestCheckpointController } from './queries/get-latest-checkpoint/get-latest-checkpoint.http.controller';
import { AuditLogProjection } from './log/audit-log.projection';

const logger = new Logger('AuditCheckpoints');

/**
 * The provable audit trail: the `audit_log` projection (one RFC 9162 Merkle tree per tenant),
 * the checkpoint signer, and the checkpoint and proof endpoints (docs/adr/0011).
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    GetLatestCheckpointController,
    GetCheckpointController,
    GetInclusionProofController,
    GetConsistencyProofController,
    GetExportBundleController,
  ],
  providers: [
    { provide: PROJECTIONS, useFactory: () => [new AuditLogProjection()] },
    {
      provide: CHECKPOINT_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadCheckpointSigningKey(config),
    },
    {
      provide: CHECKPOINT_SIGNER,
      inject: [READ_STORE, CHECKPOINT_SIGNING_KEY, APP_CONFIG],
      useFactory: (readStore: ReadStore, key: CheckpointSigningKey, config: AppConfig) =>
        new CheckpointSigner({
          readStore,
          key,
          originHost: config.audit.originHost,
          cadence: {
            everyEvents: config.audit.checkpointEveryEvents,
            everyMs: config.audit.checkpointEveryMs,
          },
          onRefused: (refusal) =>
            logger.error({
              msg: 'refused to sign a checkpoint inconsistent with the latest one',
              tenant: refusal.tenant,
              size: refusal.size,
              latestSize: refusal.latestSize,
              reason: refusal.reason,
            }),
        }),
    },
    {
      provide: SIGNER_POLL_MS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => signerPollMs(config.audit.checkpointEveryMs),
    },
    CheckpointSignerService,
    GetLatestCheckpointHandler,
    GetCheckpointHandler,
    GetInclusionProofHandler,
    GetConsistencyProofHandler,
    GetExportBundleHandler,
    {
      provide: AuditExporter,
      inject: [EVENT_STORE, READ_STORE, ProjectorHost, APP_CONFIG],
      useFactory: (
        eventStore: EventStore,
        readStore: ReadStore,
        projector: ProjectorHost,
        config: AppConfig,
      ) =>
        new AuditExporter({
          eventStore,
          readStore,
          originHost: config.audit.originHost,
          waitForProjections: (position, names, timeoutMs) =>
            projector.waitForPosition(position, timeoutMs, names),
        }),
    },
  ],
  exports: [CheckpointSignerService, CHECKPOINT_SIGNING_KEY, AuditExporter],
})
export class AuditModule {}

function loadCheckpointSigningKey(config: AppConfig): CheckpointSigningKey {
  const { originHost, signingKey } = config.audit;
  const { key, created } = loadSigningKeyFile({ ...signingKey, name: originHost });
  if (created) {
    const origin = logOrigin(originHost, config.consent.defaultTenant);
    logger.log({
      msg: `generated the checkpoint signing key ${signingKey.file}; give auditors of the log ${origin} this verifier key (other tenants: the same key under their origin as name)`,
      file: signingKey.file,
      origin,
      verifierKey: key.verifierKeyFor(origin),
    });
  }
  return key;
}

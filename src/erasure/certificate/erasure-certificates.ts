import { Inject, Injectable } from '@nestjs/common';
import {
  CHECKPOINT_SIGNING_KEY,
  type CheckpointSigningKey,
  logOrigin,
  exportCheckpoint,
  ExportError,
  leafHashOf,
  leafInput,
  AuditLogReader,
} from '../../audit';
import type { StoredCheckpoint } from '../../audit';
import { signNote } from '../../audit/note';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import { CLOCK, type Clock } from '../../shared/time/clock';
import { subjectStream } from '../../shared/tenancy/stream-names';
import { ErasureRefusal } from '../domain/erasure-refusal';
import { DomainError } from '../../shared/domain/domain-error';
import { toIso } from '../../shared/time/instant';
import { decodeSubjectEvent } from '../../consent/domain';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../event-store';
import { ProjectorHost } from '../../projections';
import type { ReadStore } from '../../read-store/read-store.port';
import { READ_STORE } from '../../read-store';
import { ERASURE_SHREDDER } from '../shredding/erasure-shredder.projection';
import { CertificateNotReadyError } from './certificate-not-ready.error';
import { certifiedErasureOf } from './certified-erasure';
import {
  CERTIFICATE_FORMAT,
  certificateText,
  type ErasureCertificateStatement,
} from './erasure-certificate';

const AUDIT_LOG = 'audit_log';

/**
 * Issues signed erasure certificates (docs/adr/0016): the completed request as the
 * subject's stream tells it, the completion event's leaf and its inclusion proof in a
 * signed checkpoint that covers it, signed as a C2SP note by the log's checkpoint key.
 * Waits (bounded) for the shredder, the audit log and the signer to catch up.
 */
@Injectable()
export class ErasureCertificates {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly signingKey: CheckpointSigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: ProjectorHost,
  ) {}

  /** The certificate: a signed note whose text is the header line and the statement. */
  async issue(tenantId: string, subjectId: string, erasureId: string): Promise<string> {
    const statement = await this.statement(tenantId, subjectId, erasureId);
    return signNote(certificateText(statement), [this.signingKey.signerFor(statement.log.origin)]);
  }

  async statement(
    tenantId: string,
    subjectId: string,
    erasureId: string,
  ): Promise<ErasureCertificateStatement> {
    const recorded = await this.store.readStream(subjectStream(tenantId, subjectId));
    if (recorded.length === 0) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    const facts = recorded.map((e) => decodeSubjectEvent(e.data));
    const certified = certifiedErasureOf(facts, erasureId);
    if (certified.kind === 'not-found') {
      throw new ErasureRefusal(
        'erasure-not-found',
        `the subject has no erasure request ${erasureId}`,
        { erasureId },
      );
    }
    if (certified.kind === 'not-completed') {
      throw new CertificateNotReadyError(
        'not-completed',
        'the erasure request is not completed; a certificate is issued once it is',
      );
    }
    const completion = recorded[certified.completionRevision]!;
    // Shredding and redaction first: the certificate states what they did.
    await this.caughtUp(completion, [ERASURE_SHREDDER, AUDIT_LOG]);
    const log = new AuditLogReader(this.readStore, tenantId);
    const leafIndex = await log.leafIndexOf(completion.id);
    if (leafIndex === undefined) {
      throw this.pending('the completion event is not in the audit log yet; retry shortly');
    }
    const checkpoint = await this.covering(tenantId, leafIndex);
    // The leaf commits to its link in the subject's chain too (docs/adr/0041).
    const link = await log.leafLink(leafIndex);
    const leafHash = leafHashOf(completion, link);
    if (!(await log.leafHash(leafIndex)).equals(leafHash)) {
      // The stored event no longer hashes to its leaf: no certificate can vouch for it.
      throw new Error(`the completion event no longer matches audit leaf ${leafIndex}`);
    }
    const proof = await log.inclusionProof(leafIndex, checkpoint.size);
    return {
      format: CERTIFICATE_FORMAT,
      version: 1,
      issuedAt: toIso(this.clock.now()),
      log: { origin: logOrigin(this.config.audit.originHost, tenantId), tenant: tenantId },
      subject: subjectId,
      erasure: certified.erasure,
      completionEvent: {
        eventId: completion.id,
        position: completion.globalPosition.toString(),
        recordedAt: completion.recordedAt.toISOString(),
        leafIndex,
        leafInput: leafInput(completion, link).toString('utf8'),
        leafHash: leafHash.toString('base64'),
      },
      checkpoint: { note: checkpoint.note, treeSize: checkpoint.size },
      inclusionProof: proof.map((node) => node.toString('base64')),
    };
  }

  private async caughtUp(completion: RecordedEvent, projections: string[]): Promise<void> {
    const timeoutMs = this.config.readYourWritesTimeoutMs;
    if (await this.projector.waitForPosition(completion.globalPosition, timeoutMs, projections)) {
      return;
    }
    throw this.pending(
      'the shredding or the audit log has not caught up with the completion yet; retry shortly',
    );
  }

  /** The latest checkpoint, once one holds the leaf (waiting as a subject export does). */
  private async covering(tenantId: string, leafIndex: number): Promise<StoredCheckpoint> {
    try {
      return await exportCheckpoint(this.readStore, tenantId, {
        atLeast: leafIndex + 1,
        waitMs: this.config.readYourWritesTimeoutMs,
        retryAfterMs: this.config.audit.checkpointEveryMs,
      });
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      throw this.pending(
        'no signed checkpoint covers the completion event yet; retry after the next checkpoint',
      );
    }
  }

  private pending(message: string): CertificateNotReadyError {
    const seconds = Math.max(1, Math.ceil(this.config.audit.checkpointEveryMs / 1000));
    return new CertificateNotReadyError('pending', message, Math.min(seconds, 60));
  }
}

import type { IsoInstant } from '../../shared/time/instant';

/**
 * A processor said it has applied every permission change for its recipient up to feed
 * position `position` (ADR 0042). In the stream `processor-acknowledgements-<tenant>.<recipient>`,
 * so in the tenant's Merkle log and its exports: the ledger can show until when a processor
 * could still have used data after a revocation.
 */
export interface ProcessorAcknowledged {
  readonly type: 'processor-acknowledged';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  /** A recipient key the tenant's policy has offered. */
  readonly recipient: string;
  /** A position of the tenant's permission-change feed: every change up to it was applied. */
  readonly position: number;
  /** When the ledger received the acknowledgement (its clock). */
  readonly acknowledgedAt: IsoInstant;
  /** Who sent it: the processor's key (`key:<id>`) or a tenant admin (`key:<id>`, `oidc:<digest>`). */
  readonly actor: string;
}

export type AcknowledgementEvent = ProcessorAcknowledged;

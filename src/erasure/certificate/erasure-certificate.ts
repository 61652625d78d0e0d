import canonicalize from 'canonicalize';
import type { Actor } from '../../consent/domain';

/**
 * The statement an erasure certificate signs (docs/adr/0016). It holds no personal data:
 * the subject is named by its pseudonym, processors by their recipient keys, and an
 * override's reason only by the fact that one was given.
 */
export interface ErasureCertificateStatement {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly version: 1;
  /** When the service issued this certificate (ISO 8601). */
  readonly issuedAt: string;
  /** The tenant's audit log: its origin is also the name of the key that signs. */
  readonly log: { readonly origin: string; readonly tenant: string };
  /** The subject's pseudonym. */
  readonly subject: string;
  readonly erasure: CertifiedErasure;
  /** The `erasure-completed` event as its audit leaf commits to it. */
  readonly completionEvent: CertifiedLeaf;
  /** The signed checkpoint (C2SP signed note) whose tree holds the completion leaf. */
  readonly checkpoint: { readonly note: string; readonly treeSize: number };
  /** RFC 9162 inclusion proof of the completion leaf in that tree, base64, leaf to root. */
  readonly inclusionProof: readonly string[];
}

export interface CertifiedErasure {
  readonly erasureId: string;
  readonly scope: 'account' | 'categories';
  /** The erased categories; null for a whole account. */
  readonly categories: readonly string[] | null;
  /**
   * What the service did to the stored personal data: for an account, the data key is
   * destroyed (every sealed field unreadable) and the app-id lookup removed; for categories,
   * their flows stopped and the recipients were told (the data key covers other categories).
   */
  readonly personalData: 'shredded' | 'flows-stopped';
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  /** One month after the request (GDPR Art. 12(3)). */
  readonly originalDeadline: string;
  /** The deadline in force: the extended one, if any. */
  readonly deadline: string;
  readonly extended: boolean;
  /** Valid time of the completion. */
  readonly completedAt: string;
  /** `completedAt` is no later than `deadline`. */
  readonly deadlineMet: boolean;
  readonly completion: 'all-confirmed' | 'override';
  /** An override names a reason; the reason is free text, so personal, and not shown. */
  readonly overrideReasonGiven: boolean;
  readonly completedBy: Actor;
  /** Every notified recipient (Art. 19), sorted, with its confirmation or null. */
  readonly processors: readonly CertifiedProcessor[];
}

interface CertifiedProcessor {
  readonly recipient: string;
  readonly categories: readonly string[];
  readonly notifiedAt: string;
  readonly confirmedAt: string | null;
}

interface CertifiedLeaf {
  readonly eventId: string;
  /** Global position, decimal. */
  readonly position: string;
  readonly recordedAt: string;
  readonly leafIndex: number;
  /** The leaf input (ADR 0011): RFC 8785 canonical JSON of the event's leaf envelope. */
  readonly leafInput: string;
  /** base64 of SHA-256(0x00 || leafInput). */
  readonly leafHash: string;
}

export const CERTIFICATE_FORMAT = 'consent-ledger-erasure-certificate';

/**
 * The first line of a certificate's note text. It keeps certificates and checkpoints,
 * signed by the same key under the same name, from ever being read as one another: a
 * checkpoint's first line is its origin, which holds no space.
 */
export const CERTIFICATE_HEADER = 'consent-ledger erasure certificate v1';

/** The note text a certificate signs: the header line, then the statement's canonical JSON. */
export function certificateText(statement: ErasureCertificateStatement): string {
  return `${CERTIFICATE_HEADER}\n${canonicalJson(statement)}\n`;
}

export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('the value has no JSON form');
  return json;
}

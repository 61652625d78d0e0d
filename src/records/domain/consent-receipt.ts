import type { Actor, PolicyDocument } from '../../consent/domain';
import type { ConsentDecision } from './consent-decision';
import type { RecordIssuer } from './issuer';
import { receiptIdOf } from './receipt-id';

/** The value of `version` the Kantara Consent Receipt Specification v1.1 requires. */
export const KANTARA_RECEIPT_VERSION = 'KI-CR-v1.1.0';

export interface KantaraPurpose {
  readonly purpose: string;
  readonly purposeCategory: readonly string[];
  readonly consentType: 'EXPLICIT';
  readonly piiCategory: readonly string[];
  readonly primaryPurpose: boolean;
  readonly termination: string;
  readonly thirdPartyDisclosure: boolean;
  readonly thirdPartyName?: string;
}

export interface KantaraController {
  readonly piiController: string;
  readonly onBehalf: boolean;
  readonly contact: string;
  readonly address: { readonly streetAddress: string; readonly addressCountry: string };
  readonly email: string;
  readonly phone: string;
  readonly piiControllerUrl?: string;
}

/** What a receipt is of: the ledger event, and whether it gave or withdrew consent. */
export interface DecisionSummary {
  readonly eventId: string;
  readonly eventType: ConsentDecision['event']['type'];
  readonly decision: 'given' | 'withdrawn';
  readonly occurredAt: string;
  readonly policyVersion: number;
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly expiresAt?: string;
}

/**
 * A Kantara Consent Receipt v1.1 (field names as the specification spells them), plus
 * `consentLedger`: what the specification has no field for — which event it receipts and
 * whether that event gave or withdrew consent.
 */
export interface ConsentReceipt {
  readonly version: typeof KANTARA_RECEIPT_VERSION;
  readonly jurisdiction: string;
  /** Seconds since the epoch, as the specification asks. */
  readonly consentTimestamp: number;
  readonly collectionMethod: string;
  readonly consentReceiptID: string;
  readonly language: string;
  /** The subject's pseudonym: never the app's id for the subject. */
  readonly piiPrincipalId: string;
  readonly piiControllers: readonly KantaraController[];
  readonly policyUrl: string;
  readonly services: readonly {
    readonly service: string;
    readonly purposes: readonly KantaraPurpose[];
  }[];
  readonly sensitive: boolean;
  readonly spiCat: readonly string[];
  readonly consentLedger: DecisionSummary;
}

const WHO: Readonly<Record<Actor, string>> = {
  subject: 'by the subject in the app',
  app: "by the app on the subject's behalf",
  'privacy-officer': 'by the privacy officer',
  import: 'in an earlier consent record, imported into the ledger',
};

/**
 * The receipt of one grant or revocation, built from the event and the policy version it
 * was made under only, so that it is the same whenever it is issued.
 */
export function consentReceiptOf(
  tenantId: string,
  decision: ConsentDecision,
  policy: PolicyDocument,
  issuer: RecordIssuer,
): ConsentReceipt {
  const { event } = decision;
  const given = event.type === 'consent-granted';
  const category = policy.categories.find((c) => c.key === event.category);
  const purpose = policy.purposes.find((p) => p.key === event.purpose);
  const recipient = policy.recipients.find((r) => r.key === event.recipient);
  const thirdParty = recipient?.kind === 'third-party';
  const expiresAt = event.type === 'consent-granted' ? event.expiresAt : undefined;
  const { controller } = issuer;
  return {
    version: KANTARA_RECEIPT_VERSION,
    jurisdiction: issuer.jurisdiction,
    consentTimestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
    collectionMethod: `${given ? 'Given' : 'Withdrawn'} ${WHO[event.actor]}`,
    consentReceiptID: receiptIdOf(tenantId, decision.eventId),
    language: issuer.language,
    piiPrincipalId: event.subjectId,
    piiControllers: [
      {
        piiController: controller.name,
        onBehalf: false,
        contact: controller.contact,
        address: { streetAddress: controller.streetAddress, addressCountry: controller.country },
        email: controller.email,
        phone: controller.phone,
        ...(controller.url !== undefined ? { piiControllerUrl: controller.url } : {}),
      },
    ],
    policyUrl: issuer.policyUrl,
    services: [
      {
        service: category?.description ?? event.category,
        purposes: [
          {
            purpose: purpose?.description ?? event.purpose,
            purposeCategory: [event.purpose],
            consentType: 'EXPLICIT',
            piiCategory: [event.category],
            primaryPurpose: true,
            termination: given
              ? expiresAt === undefined
                ? 'until withdrawn'
                : `until withdrawn, at the latest ${expiresAt}`
              : `withdrawn ${event.occurredAt}`,
            thirdPartyDisclosure: thirdParty,
            ...(thirdParty && recipient ? { thirdPartyName: recipient.name } : {}),
          },
        ],
      },
    ],
    // No category of the policy is a special category (GDPR Art. 9); the policy has no
    // sensitivity marker to say otherwise yet (ADR 0043).
    sensitive: false,
    spiCat: [],
    consentLedger: decisionSummaryOf(decision),
  };
}

export function decisionSummaryOf({ eventId, event }: ConsentDecision): DecisionSummary {
  const expiresAt = event.type === 'consent-granted' ? event.expiresAt : undefined;
  return {
    eventId,
    eventType: event.type,
    decision: event.type === 'consent-granted' ? 'given' : 'withdrawn',
    occurredAt: event.occurredAt,
    policyVersion: event.policyVersion,
    category: event.category,
    recipient: event.recipient,
    purpose: event.purpose,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

import type {
  ConsentGranted,
  ConsentRevoked,
  PolicyDocument,
  PolicyHistory,
  SubjectEvent,
} from '../../consent/domain';

/** A grant or a revocation, with the id the ledger stored it under. */
export interface ConsentDecision {
  readonly eventId: string;
  readonly event: ConsentGranted | ConsentRevoked;
}

export function isConsentDecision(event: SubjectEvent): event is ConsentGranted | ConsentRevoked {
  return event.type === 'consent-granted' || event.type === 'consent-revoked';
}

/** The policy version a decision was made under: its catalogue names what was decided on. */
export function policyOf(policy: PolicyHistory, version: number): PolicyDocument | undefined {
  return policy.versions.find((v) => v.document.version === version)?.document;
}

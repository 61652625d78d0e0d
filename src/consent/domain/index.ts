/**
 * The public face of src/consent/domain: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { evaluatePermission } from './permission/evaluate-permission';
export { factChangeScope } from './permission/fact-change-scope';
export {
  allFlowWindows,
  basisUntil,
  combinationsEverOffered,
  flowWindows,
  knownBy,
} from './permission/flow-windows';
export type {
  CombinationFlowWindows,
  FlowWindow,
  StandingBasis,
  WindowCause,
} from './permission/flow-windows';
export { policyChangeScope } from './permission/policy-change-scope';
export { subjectPeriods } from './permission/subject-periods';
export { PRECISIONS } from './policy/policy-document';
export type {
  CategoryDefinition,
  PolicyDocument,
  Precision,
  RecipientDefinition,
} from './policy/policy-document';
export { decodePolicyEvent } from './policy/policy-event-decoder';
export { PolicyHistory } from './policy/policy-history';
export type { PolicyPublished } from './policy/policy.events';
export { checkOccurredAt, requireRegistered } from './subject/command-checks';
export { decodeSubjectEvent } from './subject/subject-event-decoder';
export type { SubjectCommandBase } from './subject/subject.commands';
export { subjectDecider } from './subject/subject.decider';
export { PERSONAL_FIELDS } from './subject/subject.events';
export type {
  Actor,
  Basis,
  ConsentGranted,
  ConsentRevoked,
  ErasureCompleted,
  ErasureCompletion,
  ErasureDeadlineExtended,
  ErasureProcessorConfirmed,
  ErasureProcessorNotified,
  ErasureRecipientOutcome,
  ErasureRequested,
  ErasureScope,
  ErasureStepEvent,
  Permission,
  RefusalReason,
  SubjectEvent,
  SubjectEventType,
} from './subject/subject.events';
export { evolveSubject, initialSubjectState } from './subject/subject.state';
export type { SubjectState } from './subject/subject.state';
export { factsByValidTime } from './valid-time/facts-by-valid-time';
export type { TimedFact } from './valid-time/facts-by-valid-time';
export { inRange, overlapsRange } from './valid-time/valid-time-interval';
export type { ValidTimeInterval } from './valid-time/valid-time-interval';

import { PRECISIONS } from '../policy/policy-document';
import type { EventFields } from '../../../shared/domain/events/event-fields';
import {
  streamDecoder,
  type EventTypeDecoding,
  type StreamDecodings,
} from '../../../shared/domain/events/stream-decoder';
import {
  ACTORS,
  BASES,
  ERASURE_COMPLETIONS,
  REFUSAL_REASONS,
  type SubjectEvent,
} from './subject.events';

const ACTOR_SET: ReadonlySet<string> = new Set(ACTORS);
const BASIS_SET: ReadonlySet<string> = new Set(BASES);
const REFUSAL_REASON_SET: ReadonlySet<string> = new Set(REFUSAL_REASONS);
const COMPLETION_SET: ReadonlySet<string> = new Set(ERASURE_COMPLETIONS);
const PRECISION_SET: ReadonlySet<string> = new Set(PRECISIONS);
const SCOPE_KINDS: ReadonlySet<string> = new Set(['account', 'categories']);

function base(fields: EventFields): void {
  fields.string('tenantId');
  fields.string('subjectId');
  fields.instant('occurredAt');
}

function permission(fields: EventFields): void {
  fields.string('category');
  fields.string('recipient');
  fields.string('purpose');
}

function choice(fields: EventFields): void {
  base(fields);
  permission(fields);
  fields.integer('policyVersion');
  fields.oneOf('actor', ACTOR_SET);
}

function sync(fields: EventFields): void {
  base(fields);
  permission(fields);
  fields.string('syncId');
  fields.oneOf('precision', PRECISION_SET);
  fields.boolean('userInitiated');
  fields.optionalStringArray('recordIds');
  fields.optionalInteger('sizeBytes');
  fields.optionalSealed('location');
  fields.integer('policyVersion');
}

function scope(fields: EventFields): void {
  fields.object('scope', (scope) => {
    scope.oneOf('kind', SCOPE_KINDS);
    // Only the `categories` scope carries a list; `account` carries nothing more.
    if (scope.isConstant('kind', 'categories')) scope.stringArray('categories');
  });
}

function erasureStep(fields: EventFields): void {
  base(fields);
  fields.string('erasureId');
}

/** Version 1 of each type: add an upcaster here when a type gets a version 2 (docs/adr/0032). */
function v1(check: (fields: EventFields) => void): EventTypeDecoding {
  return { version: 1, check };
}

export const SUBJECT_EVENT_DECODINGS: StreamDecodings<SubjectEvent> = {
  'subject-registered': v1((fields) => {
    base(fields);
    fields.string('residency');
    fields.sealed('appSubjectId');
    fields.optionalSealed('email');
    fields.optionalSealed('phone');
  }),
  'consent-granted': v1((fields) => {
    choice(fields);
    fields.optionalInstant('expiresAt');
  }),
  'consent-revoked': v1(choice),
  'sync-recorded': v1((fields) => {
    sync(fields);
    fields.oneOf('basis', BASIS_SET);
  }),
  'sync-refused': v1((fields) => {
    sync(fields);
    fields.oneOfArray('reasons', REFUSAL_REASON_SET);
  }),
  'local-data-mode-switched-on': v1(base),
  'local-data-mode-switched-off': v1(base),
  'erasure-requested': v1((fields) => {
    base(fields);
    fields.string('erasureId');
    scope(fields);
    fields.oneOf('requestedBy', ACTOR_SET);
  }),
  'erasure-processor-notified': v1((fields) => {
    erasureStep(fields);
    fields.string('recipient');
    fields.stringArray('categories');
  }),
  'erasure-processor-confirmed': v1((fields) => {
    erasureStep(fields);
    fields.string('recipient');
    fields.instant('confirmedAt');
  }),
  'erasure-deadline-extended': v1((fields) => {
    erasureStep(fields);
    fields.instant('newDeadline');
    fields.instant('subjectToldAt');
    fields.sealed('reason');
  }),
  'erasure-completed': v1((fields) => {
    erasureStep(fields);
    scope(fields);
    fields.oneOf('completion', COMPLETION_SET);
    fields.optionalSealed('overrideReason');
    fields.oneOf('actor', ACTOR_SET);
    fields.objectArray('recipients', (outcome) => {
      outcome.string('recipient');
      outcome.boolean('confirmed');
      outcome.optionalInstant('confirmedAt');
    });
  }),
};

/** A subject stream's stored event data as the typed event; throws `EventDecodingError`. */
export const decodeSubjectEvent = streamDecoder<SubjectEvent>('subject', SUBJECT_EVENT_DECODINGS);

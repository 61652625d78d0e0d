import type { EventFields } from '../../../shared/domain/events/event-fields';
import { streamDecoder, type StreamDecodings } from '../../../shared/domain/events/stream-decoder';
import { CATEGORY_DEFAULTS, PRECISIONS, type RecipientDefinition } from './policy-document';
import type { PolicyEvent } from './policy.events';

const DEFAULTS: ReadonlySet<string> = new Set(CATEGORY_DEFAULTS);
const PRECISION_SET: ReadonlySet<string> = new Set(PRECISIONS);
const RECIPIENT_KINDS: ReadonlySet<string> = new Set(
  Object.keys({ 'first-party': 1, processor: 1, 'third-party': 1 } satisfies Record<
    RecipientDefinition['kind'],
    1
  >),
);

/** The policy document as published (validated then; checked here for shape only). */
function policyDocument(policy: EventFields): void {
  policy.integer('version');
  policy.stringArray('regions');
  policy.objectArray('categories', (category) => {
    category.string('key');
    category.string('description');
    category.oneOf('default', DEFAULTS);
    category.oneOfArray('precisions', PRECISION_SET);
    category.stringArray('recipients');
    category.stringArray('purposes');
  });
  policy.objectArray('purposes', (purpose) => {
    purpose.string('key');
    purpose.string('description');
  });
  policy.objectArray('recipients', (recipient) => {
    recipient.string('key');
    recipient.string('name');
    recipient.oneOf('kind', RECIPIENT_KINDS);
    recipient.string('region');
  });
  policy.stringArray('reconsentRequired');
}

export const POLICY_EVENT_DECODINGS: StreamDecodings<PolicyEvent> = {
  'policy-published': {
    version: 1,
    check(fields) {
      fields.string('tenantId');
      fields.instant('occurredAt');
      fields.object('policy', policyDocument);
    },
  },
};

/** A policy stream's stored event data as the typed event; throws `EventDecodingError`. */
export const decodePolicyEvent = streamDecoder<PolicyEvent>('policy', POLICY_EVENT_DECODINGS);

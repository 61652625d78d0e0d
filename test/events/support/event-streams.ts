import {
  API_KEY_EVENT_DECODINGS,
  decodeApiKeyEvent,
} from '../../../src/auth/domain/api-key-event-decoder';
import {
  POLICY_EVENT_DECODINGS,
  decodePolicyEvent,
} from '../../../src/consent/domain/policy/policy-event-decoder';
import {
  SUBJECT_EVENT_DECODINGS,
  decodeSubjectEvent,
} from '../../../src/consent/domain/subject/subject-event-decoder';
import {
  PROCESSOR_EVENT_DECODINGS,
  decodeProcessorEvent,
} from '../../../src/erasure/processors/domain/processor-event-decoder';
import {
  ACKNOWLEDGEMENT_EVENT_DECODINGS,
  decodeAcknowledgementEvent,
} from '../../../src/processors/domain/acknowledgement-event-decoder';
import type { JsonObject } from '../../../src/event-store/event-store.port';
import { toRecordedEvent } from '../../../src/event-store/stored-event-row';
import type { EVENT_SCHEMA_DIRS } from '../../support/event-schemas';
import {
  ACKNOWLEDGEMENT_EXAMPLES,
  API_KEY_EXAMPLES,
  POLICY_EXAMPLES,
  PROCESSOR_EXAMPLES,
  SUBJECT_EXAMPLES,
} from './event-examples';

export interface EventStream {
  readonly name: Exclude<keyof typeof EVENT_SCHEMA_DIRS, 'shared'>;
  /** Every event type of the stream, from its decodings (complete by their `Record` type). */
  readonly types: readonly string[];
  readonly decode: (data: unknown) => { readonly type: string };
  readonly examples: readonly { readonly type: string }[];
}

/** The streams whose events the service writes, each with its decoder and examples. */
export const EVENT_STREAMS: readonly EventStream[] = [
  {
    name: 'subject',
    types: Object.keys(SUBJECT_EVENT_DECODINGS),
    decode: decodeSubjectEvent,
    examples: SUBJECT_EXAMPLES,
  },
  {
    name: 'policy',
    types: Object.keys(POLICY_EVENT_DECODINGS),
    decode: decodePolicyEvent,
    examples: POLICY_EXAMPLES,
  },
  {
    name: 'api-keys',
    types: Object.keys(API_KEY_EVENT_DECODINGS),
    decode: decodeApiKeyEvent,
    examples: API_KEY_EXAMPLES,
  },
  {
    name: 'processors',
    types: Object.keys(PROCESSOR_EVENT_DECODINGS),
    decode: decodeProcessorEvent,
    examples: PROCESSOR_EXAMPLES,
  },
  {
    name: 'processor-acknowledgements',
    types: Object.keys(ACKNOWLEDGEMENT_EVENT_DECODINGS),
    decode: decodeAcknowledgementEvent,
    examples: ACKNOWLEDGEMENT_EXAMPLES,
  },
];

/**
 * What the SQL event stores do to an event: write its data and metadata as JSON text, read
 * the row back into a recorded event. The decoder gets the recorded event's data.
 */
export function encode(event: object): JsonObject {
  return toRecordedEvent({
    position: 1,
    event_id: '00000000-0000-4000-8000-000000000001',
    stream_name: 'any-stream',
    stream_revision: 0,
    event_type: 'any-type',
    data: JSON.stringify(event),
    metadata: JSON.stringify({ tenantId: 'acme' }),
    recorded_at: Date.parse('2026-06-01T12:00:00.000Z'),
  }).data;
}

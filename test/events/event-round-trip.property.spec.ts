import fc from 'fast-check';
import { decodeApiKeyEvent } from '../../src/auth/domain/api-key-event-decoder';
import { decodePolicyEvent } from '../../src/consent/domain/policy/policy-event-decoder';
import { decodeSubjectEvent } from '../../src/consent/domain/subject/subject-event-decoder';
import {
  PROPERTY_TEST_TIMEOUT_MS,
  propertyRunOptions,
} from '../../src/consent/domain/testing/property-run-options';
import { decodeProcessorEvent } from '../../src/erasure/processors/domain/processor-event-decoder';
import { decodeAcknowledgementEvent } from '../../src/processors/domain/acknowledgement-event-decoder';
import { ajvWithEventSchemas, eventSchemaId } from '../support/event-schemas';
import {
  acknowledgementEvent,
  apiKeyEvent,
  policyEvent,
  processorEvent,
  subjectEvent,
} from './support/event.arbitraries';
import { encode } from './support/event-streams';

const ajv = ajvWithEventSchemas();

/** decode(encode(e)) = e, where encode is what the SQL event stores write and read back. */
function roundTrips<Event extends { readonly type: string }>(
  events: fc.Arbitrary<Event>,
  decode: (data: unknown) => Event,
): void {
  fc.assert(
    fc.property(events, (event) => {
      const stored = encode(event);
      expect(decode(stored)).toEqual(event);
      expect(ajv.getSchema(eventSchemaId(event.type))!(stored)).toBe(true);
    }),
    propertyRunOptions(3214, 500),
  );
}

describe('every stream decodes what it stored to the event it stored, which its schema accepts', () => {
  it('subject', () => roundTrips(subjectEvent, decodeSubjectEvent), PROPERTY_TEST_TIMEOUT_MS);
  it('policy', () => roundTrips(policyEvent, decodePolicyEvent), PROPERTY_TEST_TIMEOUT_MS);
  it('api-keys', () => roundTrips(apiKeyEvent, decodeApiKeyEvent), PROPERTY_TEST_TIMEOUT_MS);
  it(
    'processors',
    () => roundTrips(processorEvent, decodeProcessorEvent),
    PROPERTY_TEST_TIMEOUT_MS,
  );
  it(
    'processor-acknowledgements',
    () => roundTrips(acknowledgementEvent, decodeAcknowledgementEvent),
    PROPERTY_TEST_TIMEOUT_MS,
  );
});

import { streamDecoder, type StreamDecodings } from '../../shared/domain/events/stream-decoder';
import type { AcknowledgementEvent } from './processor-acknowledgement.events';

export const ACKNOWLEDGEMENT_EVENT_DECODINGS: StreamDecodings<AcknowledgementEvent> = {
  'processor-acknowledged': {
    version: 1,
    check(fields) {
      fields.string('tenantId');
      fields.string('recipient');
      fields.integer('position');
      fields.instant('acknowledgedAt');
      fields.string('actor');
    },
  },
};

/** An acknowledgements stream's stored event data as the typed event; throws `EventDecodingError`. */
export const decodeAcknowledgementEvent = streamDecoder<AcknowledgementEvent>(
  'processor-acknowledgements',
  ACKNOWLEDGEMENT_EVENT_DECODINGS,
);

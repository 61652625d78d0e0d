import { streamDecoder, type StreamDecodings } from '../../../shared/domain/events/stream-decoder';
import { type ProcessorEvent, WEBHOOK_EVENT_TYPES } from './processor-webhook.events';

export const PROCESSOR_EVENT_DECODINGS: StreamDecodings<ProcessorEvent> = {
  'processor-webhook-configured': {
    version: 1,
    check(fields) {
      fields.string('tenantId');
      fields.string('recipient');
      fields.string('url');
      fields.string('secretId');
      fields.boolean('secretRotated');
      fields.instant('occurredAt');
      fields.optionalOneOfArray('events', new Set(WEBHOOK_EVENT_TYPES));
    },
  },
};

/** A processors stream's stored event data as the typed event; throws `EventDecodingError`. */
export const decodeProcessorEvent = streamDecoder<ProcessorEvent>(
  'processors',
  PROCESSOR_EVENT_DECODINGS,
);

import { Refusal } from '../../shared/domain/domain-error';

/** Why an acknowledgement was refused; mapped to problems by src/processors/http. */
export class AcknowledgementRefusal extends Refusal<AcknowledgementRefusalCode> {}

export type AcknowledgementRefusalCode =
  | 'recipient-not-found'
  | 'acknowledgement-behind'
  | 'acknowledgement-beyond-head'
  | 'idempotency-key-reused';

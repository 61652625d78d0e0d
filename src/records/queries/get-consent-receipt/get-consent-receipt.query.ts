import { Query } from '@nestjs/cqrs';
import type { ConsentReceipt } from '../../domain/consent-receipt';

export interface IssuedReceipt {
  readonly receipt: ConsentReceipt;
  /** The receipt's JSON text as a compact JWS, when asked for. */
  readonly jws?: string;
}

export class GetConsentReceiptQuery extends Query<IssuedReceipt> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly eventId: string,
    readonly signed: boolean,
  ) {
    super();
  }
}

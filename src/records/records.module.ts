import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type AppConfig, APP_CONFIG } from '../config';
import { PolicyReader } from '../consent';
import { EVENT_STORE } from '../event-store';
import type { EventStore } from '../event-store/event-store.port';
import { CLOCK, systemClock } from '../shared/time/clock';
import { SubjectLedger } from './application/subject-ledger';
import type { RecordIssuer } from './domain/issuer';
import { GetConsentReceiptHandler } from './queries/get-consent-receipt/get-consent-receipt.handler';
import { GetConsentReceiptController } from './queries/get-consent-receipt/get-consent-receipt.http.controller';
import { GetConsentRecordsHandler } from './queries/get-consent-records/get-consent-records.handler';
import { GetConsentRecordsController } from './queries/get-consent-records/get-consent-records.http.controller';
import { GetReceiptKeysHandler } from './queries/get-receipt-keys/get-receipt-keys.handler';
import { GetReceiptKeysController } from './queries/get-receipt-keys/get-receipt-keys.http.controller';
import { ListConsentReceiptsHandler } from './queries/list-consent-receipts/list-consent-receipts.handler';
import { ListConsentReceiptsController } from './queries/list-consent-receipts/list-consent-receipts.http.controller';
import { ReceiptKeys } from './receipt-keys/receipt-keys';
import { RECORD_ISSUER } from './records.tokens';

/**
 * Standard records of the ledger's consent decisions (issue #19): Kantara consent receipts,
 * signed with the tenant's receipt key, and ISO/IEC TS 27560 consent records in DPV. All
 * are derived from the log on each request, so they can always be derived again (ADR 0043).
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    ListConsentReceiptsController,
    GetConsentReceiptController,
    GetReceiptKeysController,
    GetConsentRecordsController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: PolicyReader,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new PolicyReader(store),
    },
    {
      provide: ReceiptKeys,
      inject: [APP_CONFIG],
      // At start, so a missing or unsafe key file stops the service instead of a request.
      useFactory: (config: AppConfig) => ReceiptKeys.open(config.receipts.signingKey),
    },
    {
      provide: RECORD_ISSUER,
      inject: [APP_CONFIG],
      useFactory: ({ receipts }: AppConfig): RecordIssuer => ({
        jurisdiction: receipts.jurisdiction,
        language: receipts.language,
        policyUrl: receipts.policyUrl,
        controller: receipts.controller,
      }),
    },
    SubjectLedger,
    ListConsentReceiptsHandler,
    GetConsentReceiptHandler,
    GetReceiptKeysHandler,
    GetConsentRecordsHandler,
  ],
})
export class RecordsModule {}

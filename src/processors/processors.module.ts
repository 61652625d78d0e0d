import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FeedModule, FeedReader } from '../feed';
import { PROJECTIONS } from '../projections';
import { READ_STORE } from '../read-store';
import type { ReadStore } from '../read-store/read-store.port';
import { CLOCK, systemClock } from '../shared/time/clock';
import { AcknowledgeChangesHandler } from './commands/acknowledge-changes/acknowledge-changes.handler';
import { AcknowledgeChangesController } from './commands/acknowledge-changes/acknowledge-changes.http.controller';
import { FEED_HEAD } from './feed-head.port';
import { PropagationMetrics } from './metrics/propagation-metrics';
import { PropagationProjection } from './projection/propagation.projection';
import { PropagationReader } from './propagation-reader';
import { ClosingAcknowledgementsHandler } from './queries/get-closing-acknowledgements/closing-acknowledgements.handler';
import { GetPropagationHandler } from './queries/get-propagation/get-propagation.handler';
import { GetPropagationController } from './queries/get-propagation/get-propagation.http.controller';

/**
 * What a processor does with its own credential (ADR 0042): acknowledge the permission
 * changes it applied, recorded in its recipient's stream. (Its erasure confirmations go
 * through the erasure workflow's route.) And the propagation ledger: how long after a window
 * closed its processor acknowledged the change (ADR 0044).
 */
@Module({
  imports: [CqrsModule, FeedModule],
  controllers: [AcknowledgeChangesController, GetPropagationController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    // A position is acknowledged against the permission-change feed's own head (src/feed).
    { provide: FEED_HEAD, useExisting: FeedReader },
    AcknowledgeChangesHandler,
    // The propagation ledger: acknowledgements joined with the feed's closing changes (ADR 0044).
    { provide: PROJECTIONS, useFactory: () => [new PropagationProjection()] },
    {
      provide: PropagationReader,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new PropagationReader(store),
    },
    GetPropagationHandler,
    ClosingAcknowledgementsHandler,
    PropagationMetrics,
  ],
})
export class ProcessorsModule {}

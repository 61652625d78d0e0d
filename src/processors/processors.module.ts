import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '../shared/time/clock';
import { AcknowledgeChangesHandler } from './commands/acknowledge-changes/acknowledge-changes.handler';
import { AcknowledgeChangesController } from './commands/acknowledge-changes/acknowledge-changes.http.controller';
import { FEED_HEAD } from './feed-head.port';
import { GlobalPositionFeedHead } from './global-position-feed-head';

/**
 * What a processor does with its own credential (ADR 0042): acknowledge the permission
 * changes it applied, recorded in its recipient's stream. (Its erasure confirmations go
 * through the erasure workflow's route.)
 */
@Module({
  imports: [CqrsModule],
  controllers: [AcknowledgeChangesController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    // The one line to swap for the permission-change feed's own head once src/feed lands.
    { provide: FEED_HEAD, useClass: GlobalPositionFeedHead },
    AcknowledgeChangesHandler,
  ],
})
export class ProcessorsModule {}

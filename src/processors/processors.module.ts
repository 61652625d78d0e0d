import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FeedModule, FeedReader } from '../feed';
import { CLOCK, systemClock } from '../shared/time/clock';
import { AcknowledgeChangesHandler } from './commands/acknowledge-changes/acknowledge-changes.handler';
import { AcknowledgeChangesController } from './commands/acknowledge-changes/acknowledge-changes.http.controller';
import { FEED_HEAD } from './feed-head.port';

/**
 * What a processor does with its own credential (ADR 0042): acknowledge the permission
 * changes it applied, recorded in its recipient's stream. (Its erasure confirmations go
 * through the erasure workflow's route.)
 */
@Module({
  imports: [CqrsModule, FeedModule],
  controllers: [AcknowledgeChangesController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    // A position is acknowledged against the permission-change feed's own head (src/feed).
    { provide: FEED_HEAD, useExisting: FeedReader },
    AcknowledgeChangesHandler,
  ],
})
export class ProcessorsModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '../audit';
import { CLOCK, type Clock, systemClock } from '../shared/time/clock';
import { PolicyReader, SubjectCommandService } from '../consent';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import { PROJECTIONS } from '../projections';
import { ErasureReasons } from './application/erasure-reasons';
import { ErasureCertificates } from './certificate/erasure-certificates';
import { CompleteErasureHandler } from './commands/complete-erasure/complete-erasure.handler';
import { CompleteErasureController } from './commands/complete-erasure/complete-erasure.http.controller';
import { ConfirmErasureHandler } from './commands/confirm-erasure/confirm-erasure.handler';
import { ConfirmErasureController } from './commands/confirm-erasure/confirm-erasure.http.controller';
import { ExtendErasureDeadlineHandler } from './commands/extend-erasure-deadline/extend-erasure-deadline.handler';
import { ExtendErasureDeadlineController } from './commands/extend-erasure-deadline/extend-erasure-deadline.http.controller';
import { ErasureMetrics } from './metrics/erasure-metrics';
import { GetErasureCertificateHandler } from './queries/get-erasure-certificate/get-erasure-certificate.handler';
import { GetErasureCertificateController } from './queries/get-erasure-certificate/get-erasure-certificate.http.controller';
import { GetErasureHandler } from './queries/get-erasure/get-erasure.handler';
import { GetErasureController } from './queries/get-erasure/get-erasure.http.controller';
import { ListErasuresHandler } from './queries/list-erasures/list-erasures.handler';
import { ListErasuresController } from './queries/list-erasures/list-erasures.http.controller';
import { ErasureRequestsProjection } from './read-model/erasure-requests.projection';
import { ErasureShredderProjection } from './shredding/erasure-shredder.projection';
import { SubjectShredder } from './shredding/subject-shredder';
import { ErasureWebhooksModule } from './webhooks/erasure-webhooks.module';
import { ErasureNotifierProjection } from './workflow/erasure-notifier.projection';
import { ErasureWorkflowSteps } from './workflow/erasure-workflow-steps';

/**
 * Optional: a `Clock` some global module provides in place of the system clock, so that
 * tests can move the erasure workflow's "now" past deadlines. A token of its own rather than
 * `CLOCK`, which other modules provide locally for themselves.
 */
export const ERASURE_CLOCK = Symbol('ErasureClock');

/**
 * The GDPR erasure workflow (ADR 0013): the steps after a request (notifications,
 * confirmations, extension, completion) in the subject's stream, the `erasure_requests`
 * read model with its deadlines, the two reactors that notify and shred, and the metrics.
 * Requests themselves are made through the consent module's route.
 */
@Module({
  imports: [CqrsModule, ErasureWebhooksModule, AuditModule],
  controllers: [
    GetErasureCertificateController,
    ListErasuresController,
    GetErasureController,
    ExtendErasureDeadlineController,
    ConfirmErasureController,
    CompleteErasureController,
  ],
  providers: [
    {
      provide: CLOCK,
      inject: [{ token: ERASURE_CLOCK, optional: true }],
      useFactory: (clock: Clock | undefined): Clock => clock ?? systemClock,
    },
    {
      provide: PolicyReader,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new PolicyReader(store),
    },
    SubjectCommandService,
    ErasureReasons,
    ErasureWorkflowSteps,
    SubjectShredder,
    {
      provide: PROJECTIONS,
      inject: [ErasureWorkflowSteps, SubjectShredder],
      useFactory: (steps: ErasureWorkflowSteps, shredder: SubjectShredder) => [
        new ErasureRequestsProjection(),
        new ErasureNotifierProjection(steps),
        new ErasureShredderProjection(shredder),
      ],
    },
    ExtendErasureDeadlineHandler,
    ConfirmErasureHandler,
    CompleteErasureHandler,
    GetErasureHandler,
    ListErasuresHandler,
    ErasureMetrics,
    ErasureCertificates,
    GetErasureCertificateHandler,
  ],
})
export class ErasureModule {}

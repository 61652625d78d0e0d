import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTIONS } from '../../projections';
import { FlowsProjection } from './flows.projection';
import { GetSubjectFlowsController } from './queries/get-subject-flows/get-subject-flows.http.controller';
import { GetViolationsController } from './queries/get-violations/get-violations.http.controller';
import { GetSubjectFlowsHandler } from './queries/get-subject-flows/get-subject-flows.handler';
import { GetViolationsHandler } from './queries/get-violations/get-violations.handler';

/**
 * Flows and violations: the `flows` projection of every sync, recorded or refused, a
 * subject's flows page by page, and the tenant's report of recorded flows that no flow
 * window permits.
 */
@Module({
  imports: [CqrsModule],
  controllers: [GetSubjectFlowsController, GetViolationsController],
  providers: [
    { provide: PROJECTIONS, useFactory: () => [new FlowsProjection()] },
    GetSubjectFlowsHandler,
    GetViolationsHandler,
  ],
})
export class FlowsModule {}

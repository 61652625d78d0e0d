import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '../shared/time/clock';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import { PROJECTIONS } from '../projections';
import type { ReadStore } from '../read-store/read-store.port';
import { READ_STORE } from '../read-store';
import { FlowsModule } from './flows/flows.module';
import { ChecksController } from './queries/check-permission/checks.http.controller';
import { ConsentSummaryController } from './queries/get-consent-summary/get-consent-summary.http.controller';
import { FlowWindowsController } from './queries/get-flow-windows/get-flow-windows.http.controller';
import { ConsentStateProjection } from './projections/consent-state.projection';
import { FlowWindowsProjection } from './projections/flow-windows.projection';
import { CheckBatchHandler } from './queries/check-batch/check-batch.handler';
import { CheckPermissionHandler } from './queries/check-permission/check-permission.handler';
import { PermissionChecker } from './queries/check-permission/permission-checker';
import { ConsentSummaryReader } from './queries/get-consent-summary/consent-summary-reader';
import { GetConsentSummaryHandler } from './queries/get-consent-summary/get-consent-summary.handler';
import { FlowWindowsAsKnownAt } from './queries/get-flow-windows/flow-windows-as-known-at';
import { GetFlowWindowsHandler } from './queries/get-flow-windows/get-flow-windows.handler';
import { ProjectedFlowWindows } from './queries/get-flow-windows/projected-flow-windows';

/**
 * The read side of the consent ledger: the `consent_state` and `flow_windows` projections,
 * the check API answered from them, and the flow-window queries, with read-your-writes
 * through consistency tokens, the per-tenant summary counts; and (in `FlowsModule`) flows
 * and violations.
 */
@Module({
  imports: [CqrsModule, FlowsModule],
  controllers: [ChecksController, FlowWindowsController, ConsentSummaryController],
  providers: [
    {
      provide: PROJECTIONS,
      useFactory: () => [new ConsentStateProjection(), new FlowWindowsProjection()],
    },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: PermissionChecker,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new PermissionChecker(store),
    },
    {
      provide: ProjectedFlowWindows,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new ProjectedFlowWindows(store),
    },
    {
      provide: ConsentSummaryReader,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new ConsentSummaryReader(store),
    },
    {
      provide: FlowWindowsAsKnownAt,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new FlowWindowsAsKnownAt(store),
    },
    CheckPermissionHandler,
    CheckBatchHandler,
    GetFlowWindowsHandler,
    GetConsentSummaryHandler,
  ],
})
export class ReadSideModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import { CLOCK, systemClock } from '../shared/time/clock';
import { DefaultTenantBootstrap } from './application/default-tenant-bootstrap';
import { PersonalData } from './application/personal-data';
import { PolicyReader } from './application/policy-reader';
import { SubjectCommandService } from './application/subject-command.service';
import { SubjectReader } from './application/subject-reader';
import { GrantConsentHandler } from './commands/grant-consent/grant-consent.handler';
import { GrantConsentController } from './commands/grant-consent/grant-consent.http.controller';
import { PublishPolicyHandler } from './commands/publish-policy/publish-policy.handler';
import { PublishPolicyController } from './commands/publish-policy/publish-policy.http.controller';
import { RecordSyncHandler } from './commands/record-sync/record-sync.handler';
import { RecordSyncController } from './commands/record-sync/record-sync.http.controller';
import { RegisterSubjectHandler } from './commands/register-subject/register-subject.handler';
import { RegisterSubjectController } from './commands/register-subject/register-subject.http.controller';
import { RequestErasureHandler } from './commands/request-erasure/request-erasure.handler';
import { RequestErasureController } from './commands/request-erasure/request-erasure.http.controller';
import { RevokeConsentHandler } from './commands/revoke-consent/revoke-consent.handler';
import { RevokeConsentController } from './commands/revoke-consent/revoke-consent.http.controller';
import { SwitchLocalDataModeHandler } from './commands/switch-local-data-mode/switch-local-data-mode.handler';
import { SwitchLocalDataModeController } from './commands/switch-local-data-mode/switch-local-data-mode.http.controller';
import { FindSubjectHandler } from './queries/find-subject/find-subject.handler';
import { FindSubjectController } from './queries/find-subject/find-subject.http.controller';
import { GetPoliciesHandler } from './queries/get-policies/get-policies.handler';
import { GetPoliciesController } from './queries/get-policies/get-policies.http.controller';
import { GetSubjectHandler } from './queries/get-subject/get-subject.handler';
import { GetSubjectController } from './queries/get-subject/get-subject.http.controller';
import { GetSubjectPermissionsHandler } from './queries/get-subject-permissions/get-subject-permissions.handler';
import { GetSubjectPermissionsController } from './queries/get-subject-permissions/get-subject-permissions.http.controller';
import { PolicyRecipientsHandler } from './queries/get-policy-recipients/policy-recipients.handler';

/**
 * The consent write side and the queries answered straight from the log: policies,
 * subjects, grants, revocations, syncs, Local Data Mode and erasure requests.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    PublishPolicyController,
    GetPoliciesController,
    // Before GetSubjectController so that /v1/subjects/lookup is not read as an id.
    FindSubjectController,
    RegisterSubjectController,
    GetSubjectController,
    GetSubjectPermissionsController,
    GrantConsentController,
    RevokeConsentController,
    RecordSyncController,
    SwitchLocalDataModeController,
    RequestErasureController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: PolicyReader,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new PolicyReader(store),
    },
    SubjectReader,
    SubjectCommandService,
    PersonalData,
    DefaultTenantBootstrap,
    PublishPolicyHandler,
    RegisterSubjectHandler,
    GrantConsentHandler,
    RevokeConsentHandler,
    RecordSyncHandler,
    SwitchLocalDataModeHandler,
    RequestErasureHandler,
    GetPoliciesHandler,
    FindSubjectHandler,
    GetSubjectHandler,
    GetSubjectPermissionsHandler,
    PolicyRecipientsHandler,
  ],
})
export class ConsentModule {}

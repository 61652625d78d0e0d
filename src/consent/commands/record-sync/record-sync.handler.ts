import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalData } from '../../application/personal-data';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../application/subject-command.service';
import type { SealedValue } from '../../../shared/domain/sealed-value';
import { RecordSyncCommand, type ReportedSync } from './record-sync.command';

@CommandHandler(RecordSyncCommand)
export class RecordSyncHandler implements ICommandHandler<RecordSyncCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly personal: PersonalData,
  ) {}

  async execute({ request, sync }: RecordSyncCommand): Promise<SubjectCommandResult> {
    const location = await this.sealLocation(request.caller.tenantId, request.subjectId, sync);
    return this.subjects.execute(request, (context) => ({
      type: 'record-sync',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(sync.occurredAt),
      syncId: sync.syncId,
      category: sync.category,
      recipient: sync.recipient,
      purpose: sync.purpose,
      precision: sync.precision,
      userInitiated: sync.userInitiated,
      ...(sync.recordIds ? { recordIds: [...sync.recordIds] } : {}),
      ...(sync.sizeBytes !== undefined ? { sizeBytes: sync.sizeBytes } : {}),
      ...(location ? { location } : {}),
    }));
  }

  /** A location sent with the data is personal: it enters the event sealed. */
  private async sealLocation(
    tenantId: string,
    subjectId: string,
    sync: ReportedSync,
  ): Promise<SealedValue | undefined> {
    if (!sync.location) return undefined;
    const key = await this.personal.existingKey(tenantId, subjectId);
    if (!key) return undefined;
    const { latitude, longitude } = sync.location;
    return this.personal.seal(
      key,
      tenantId,
      subjectId,
      'location',
      JSON.stringify({ latitude, longitude }),
    );
  }
}

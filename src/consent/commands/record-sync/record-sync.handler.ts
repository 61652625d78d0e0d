import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalData } from '../../application/personal-data';
import { SubjectCommandService } from '../../application/subject-command.service';
import type { SealedValue } from '../../../shared/domain/sealed-value';
import { receiptOf } from '../../http/command-receipt';
import { RecordSyncCommand } from './record-sync.command';
import type { RecordSyncRequest } from './record-sync.request.dto';
import { type SyncReceipt, syncOutcome } from './sync-receipt';

@CommandHandler(RecordSyncCommand)
export class RecordSyncHandler implements ICommandHandler<RecordSyncCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly personal: PersonalData,
  ) {}

  async execute({ request, body }: RecordSyncCommand): Promise<SyncReceipt> {
    const location = await this.sealLocation(request.caller.tenantId, request.subjectId, body);
    const result = await this.subjects.execute(request, (context) => ({
      type: 'record-sync',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(body.occurredAt),
      syncId: body.syncId,
      category: body.category,
      recipient: body.recipient,
      purpose: body.purpose,
      precision: body.precision,
      userInitiated: body.userInitiated,
      ...(body.recordIds ? { recordIds: [...body.recordIds] } : {}),
      ...(body.sizeBytes !== undefined ? { sizeBytes: body.sizeBytes } : {}),
      ...(location ? { location } : {}),
    }));
    return { ...receiptOf(request.subjectId, result), ...syncOutcome(result.events) };
  }

  /** A location sent with the data is personal: it enters the event sealed. */
  private async sealLocation(
    tenantId: string,
    subjectId: string,
    body: RecordSyncRequest,
  ): Promise<SealedValue | undefined> {
    if (!body.location) return undefined;
    const key = await this.personal.existingKey(tenantId, subjectId);
    if (!key) return undefined;
    const { latitude, longitude } = body.location;
    return this.personal.seal(
      key,
      tenantId,
      subjectId,
      'location',
      JSON.stringify({ latitude, longitude }),
    );
  }
}

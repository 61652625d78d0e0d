import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../application/subject-command.service';
import type { SyncReceipt } from './sync-receipt';
import type { RecordSyncRequest } from './record-sync.request.dto';

export class RecordSyncCommand extends Command<SyncReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly body: RecordSyncRequest,
  ) {
    super();
  }
}

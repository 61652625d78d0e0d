import type { SubjectCommandResult } from '../../consent/application/subject-command.service';
import { receiptOf } from '../../consent/http/command-receipt';
import type { ErasureStepReceipt } from './erasure-step-receipt';

export function erasureStepReceiptOf(
  erasureId: string,
  result: SubjectCommandResult,
): ErasureStepReceipt {
  return {
    ...receiptOf(result.subjectId, result),
    erasureId,
    recorded: result.events.length > 0,
  };
}

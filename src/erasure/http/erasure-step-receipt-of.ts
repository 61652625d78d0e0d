import type { SubjectCommandResult } from '../../consent';
import { receiptOf } from '../../consent';
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

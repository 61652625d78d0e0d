import type { DecideResult } from '../../event-store/decide-and-append';
import { receiptOf } from '../../consent/http/command-receipt';
import type { ErasureStepReceipt } from './erasure-step-receipt';

export function erasureStepReceiptOf(
  subjectId: string,
  erasureId: string,
  result: DecideResult<unknown>,
): ErasureStepReceipt {
  return { ...receiptOf(subjectId, result), erasureId, recorded: result.events.length > 0 };
}

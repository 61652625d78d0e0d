import { ProblemException, PROBLEM_TYPES } from '../../http';
import {
  ExportCheckpointNotFoundError,
  ExportNotReadyError,
  ExportSubjectNotFoundError,
  ExportTooLargeError,
  ExportTreeSizeTooSmallError,
} from '../export/export.errors';

/** The problem an export error answers with; anything else is rethrown as it is. */
export function exportProblemOf(error: unknown): unknown {
  if (error instanceof ExportTooLargeError) {
    return new ProblemException({
      type: PROBLEM_TYPES.exportTooLarge,
      title: 'Export too large',
      status: 413,
      detail: `${error.message}.`,
      extensions: { maxEvents: error.maxEvents },
    });
  }
  if (error instanceof ExportSubjectNotFoundError) {
    return new ProblemException({
      type: PROBLEM_TYPES.subjectNotFound,
      title: 'Subject not found',
      status: 404,
      detail: 'The tenant has no subject with this subjectId.',
    });
  }
  if (error instanceof ExportCheckpointNotFoundError) {
    return new ProblemException({
      type: PROBLEM_TYPES.checkpointNotFound,
      title: 'Checkpoint not found',
      status: 404,
      detail: `${capitalised(error.message)}.`,
    });
  }
  if (error instanceof ExportTreeSizeTooSmallError) {
    return new ProblemException({
      type: PROBLEM_TYPES.treeSizeOutOfRange,
      title: 'Tree size out of range',
      status: 400,
      detail: `${capitalised(error.message)}.`,
      extensions: { field: 'treeSize', neededSize: error.neededSize },
    });
  }
  if (error instanceof ExportNotReadyError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return new ProblemException({
      type: PROBLEM_TYPES.serviceUnavailable,
      title: 'Export not ready',
      status: 503,
      detail: `${capitalised(error.message)}.`,
      headers: { 'retry-after': String(seconds) },
    });
  }
  return error;
}

function capitalised(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

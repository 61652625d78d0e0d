import { ProblemException, PROBLEM_TYPES } from '../../http';
import {
  CheckpointNotFoundError,
  LeafNotFoundError,
  ParameterOutOfRangeError,
  TreeSizeOutOfRangeError,
} from '../queries/audit-query.errors';
import { exportProblemOf } from './export-problems';

/** The problem an audit query or export error answers with; anything else as it is. */
export function auditProblemOf(error: unknown): unknown {
  if (error instanceof CheckpointNotFoundError) {
    return new ProblemException({
      type: PROBLEM_TYPES.checkpointNotFound,
      title: 'Checkpoint not found',
      status: 404,
      detail: error.message,
    });
  }
  if (error instanceof LeafNotFoundError) {
    return new ProblemException({
      type: PROBLEM_TYPES.leafNotFound,
      title: 'Leaf not found',
      status: 404,
      detail: error.message,
    });
  }
  if (error instanceof TreeSizeOutOfRangeError) {
    return new ProblemException({
      type: PROBLEM_TYPES.treeSizeOutOfRange,
      title: 'Tree size out of range',
      status: 400,
      detail: error.message,
      extensions: { field: error.field, logSize: error.logSize },
    });
  }
  if (error instanceof ParameterOutOfRangeError) {
    return new ProblemException({
      type: PROBLEM_TYPES.validationError,
      title: 'Invalid query parameter',
      status: 400,
      detail: error.message,
      extensions: { errors: [{ field: error.field, message: error.message }] },
    });
  }
  return exportProblemOf(error);
}

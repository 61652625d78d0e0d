import type { ErasureStepCommand } from './erasure-step.commands';
import type { ErasureStepEvent, SubjectState } from '../../consent/domain';
import { completeErasure } from './complete-erasure';
import { confirmErasure } from './confirm-erasure';
import { extendErasureDeadline } from './extend-erasure-deadline';
import { recordErasureNotifications } from './record-erasure-notifications';

/**
 * The erasure workflow's steps, decided on the subject's state. They are the only commands
 * a subject still accepts once erasure of the whole account was requested.
 */
export function decideErasureStep(
  command: ErasureStepCommand,
  state: SubjectState,
): ErasureStepEvent[] {
  switch (command.type) {
    case 'record-erasure-notifications':
      return recordErasureNotifications(command, state);
    case 'extend-erasure-deadline':
      return extendErasureDeadline(command, state);
    case 'confirm-erasure':
      return confirmErasure(command, state);
    case 'complete-erasure':
      return completeErasure(command, state);
  }
}

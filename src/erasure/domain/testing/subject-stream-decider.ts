import type { Decider } from '../../../shared/domain/decider';
import type { SubjectCommand } from '../../../consent/domain/subject/subject.commands';
import { subjectDecider } from '../../../consent/domain/subject/subject.decider';
import type { SubjectEvent } from '../../../consent/domain/subject/subject.events';
import {
  evolveSubject,
  initialSubjectState,
  type SubjectState,
} from '../../../consent/domain/subject/subject.state';
import type { ErasureStepCommand } from '../erasure-step.commands';
import { erasureStepDecider } from '../erasure-step.decider';

export type SubjectStreamCommand = SubjectCommand | ErasureStepCommand;

const ERASURE_STEPS: ReadonlySet<string> = new Set<ErasureStepCommand['type']>([
  'record-erasure-notifications',
  'extend-erasure-deadline',
  'confirm-erasure',
  'complete-erasure',
]);

function isErasureStep(command: SubjectStreamCommand): command is ErasureStepCommand {
  return ERASURE_STEPS.has(command.type);
}

/**
 * Every command a subject's stream takes, for tests that walk a whole history (register,
 * consent, request erasure, its steps): the service runs the two deciders from their own
 * handlers, on the same state.
 */
export const subjectStreamDecider: Decider<SubjectStreamCommand, SubjectEvent, SubjectState> = {
  initialState: initialSubjectState,
  evolve: evolveSubject,
  decide: (command, state) =>
    isErasureStep(command)
      ? erasureStepDecider.decide(command, state)
      : subjectDecider.decide(command, state),
};
